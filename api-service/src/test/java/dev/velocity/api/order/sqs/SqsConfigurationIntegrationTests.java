package dev.velocity.api.order.sqs;

import java.time.Duration;

import dev.velocity.localservers.LocalAws;
import dev.velocity.testsupport.SharedServers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's SQS client, against a real ElasticMQ. */
class SqsConfigurationIntegrationTests {

	@Test
	void completesItsCallsOnNettysIoThreadRatherThanTheSdksPool() {
		LocalAws.useLocalCredentials();
		SqsProperties properties = new SqsProperties(SharedServers.elasticMq().endpoint(), "orders", "orders-dlq",
				Duration.ofSeconds(5), 10, 4, 8, 100);
		try (SqsAsyncClient client = new SqsConfiguration().sqsAsyncClient(properties)) {
			String test = Thread.currentThread().getName();
			String continued = test;
			// A continuation attached after the call completed runs here instead: ask
			// again.
			for (int attempt = 0; attempt < 10 && continued.equals(test); attempt++) {
				continued = client.listQueues().thenApply((listed) -> Thread.currentThread().getName()).join();
			}
			assertThat(continued).startsWith("aws-java-sdk-NettyEventLoop");
		}
	}

}
