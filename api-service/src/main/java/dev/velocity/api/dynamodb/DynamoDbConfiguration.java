package dev.velocity.api.dynamodb;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's DynamoDB client, built once, for the features that read or write the table.
 */
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

}
