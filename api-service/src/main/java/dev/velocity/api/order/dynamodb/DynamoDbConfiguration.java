package dev.velocity.api.order.dynamodb;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DynamoDB client and the reader on it, built once. */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbProperties properties) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.overrideConfiguration((override) -> override.apiCallTimeout(properties.apiCallTimeout()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	@Bean
	DynamoDbConfirmedOrders dynamoDbConfirmedOrders(DynamoDbClient client, DynamoDbProperties properties,
			JsonMapper jsonMapper) {
		return new DynamoDbConfirmedOrders(client, properties.ordersTable(), jsonMapper, properties.maxTalliedOrders());
	}

}
