package dev.velocity.api.dynamodb;

import dev.velocity.aws.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's DynamoDB client, built once, for the features that read or write the table.
 */
@Configuration(proxyBeanMethods = false)
class DynamoDbConfiguration {

	@Bean(destroyMethod = "close")
	DynamoDbClient dynamoDbClient(DynamoDbProperties properties) {
		return AwsClients.dynamoDb(properties.endpoint(), properties.apiCallTimeout());
	}

}
