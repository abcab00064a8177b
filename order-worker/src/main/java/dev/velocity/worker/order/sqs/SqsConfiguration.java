package dev.velocity.worker.order.sqs;

import dev.velocity.worker.order.OrderIntake;
import io.micrometer.core.instrument.MeterRegistry;
import dev.velocity.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SQS client and the poller, built once. */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

	@Bean(destroyMethod = "close")
	SqsAsyncClient sqsAsyncClient(QueueProperties properties) {
		// Long polls of 20 s: no call budget, the SDK's own timeouts apply.
		return AwsClients.sqs(properties.endpoint(), properties.pollers() * 4 + 8, null, null);
	}

	@Bean
	SqsOrderPoller sqsOrderPoller(SqsAsyncClient sqs, OrderIntake intake, QueueProperties properties,
			MeterRegistry meters) {
		return new SqsOrderPoller(sqs, intake, properties, meters);
	}

}
