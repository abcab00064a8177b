package dev.velocity.api.order.dynamodb;

import dev.velocity.api.dynamodb.DynamoDbProperties;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The confirmed orders' reader on the shared DynamoDB client. */
@Configuration(proxyBeanMethods = false)
class DynamoDbOrdersConfiguration {

	@Bean
	DynamoDbConfirmedOrders dynamoDbConfirmedOrders(DynamoDbClient client, DynamoDbProperties properties,
			JsonMapper jsonMapper) {
		return new DynamoDbConfirmedOrders(client, properties.ordersTable(), jsonMapper, properties.maxTalliedOrders());
	}

}
