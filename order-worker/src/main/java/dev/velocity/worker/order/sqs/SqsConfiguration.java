package dev.velocity.worker.order.sqs;

import dev.velocity.worker.order.OrderIntake;
import io.micrometer.core.instrument.MeterRegistry;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SQS client and the poller, built once. */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

	@Bean(destroyMethod = "close")
	SqsAsyncClient sqsAsyncClient(QueueProperties properties) {
		SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(properties.pollers() * 4 + 8));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	@Bean
	SqsOrderPoller sqsOrderPoller(SqsAsyncClient sqs, OrderIntake intake, QueueProperties properties,
			MeterRegistry meters) {
		return new SqsOrderPoller(sqs, intake, properties, meters);
	}

}
