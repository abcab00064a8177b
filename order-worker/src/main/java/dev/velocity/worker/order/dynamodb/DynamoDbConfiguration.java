package dev.velocity.worker.order.dynamodb;

import dev.velocity.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DynamoDB client and the store on it, built once. */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbAsyncClient dynamoDbAsyncClient(DynamoDbProperties properties) {
		return AwsClients.dynamoDbAsync(properties.endpoint(), 256, properties.apiCallTimeout());
	}

	@Bean
	DynamoDbOrderStore dynamoDbOrderStore(DynamoDbAsyncClient client, DynamoDbProperties properties,
			JsonMapper jsonMapper) {
		return new DynamoDbOrderStore(client, properties.ordersTable(), jsonMapper);
	}

}
