package dev.velocity.worker.order.dynamodb;

import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The DynamoDB client and the store on it, built once. */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbAsyncClient dynamoDbAsyncClient(DynamoDbProperties properties) {
		DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(256))
			.overrideConfiguration((override) -> override.apiCallTimeout(properties.apiCallTimeout()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	@Bean
	DynamoDbOrderStore dynamoDbOrderStore(DynamoDbAsyncClient client, DynamoDbProperties properties,
			JsonMapper jsonMapper) {
		return new DynamoDbOrderStore(client, properties.ordersTable(), jsonMapper);
	}

}
