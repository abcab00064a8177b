package dev.velocity.api.order.sqs;

import dev.velocity.aws.AwsClients;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SQS client and the adapters built on it, each built once. */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

	/**
	 * The client. Its calls complete on Netty's I/O thread rather than on a hop to the
	 * SDK's completion pool: what follows a send only completes the orders' futures, and
	 * every purchase's answer is then written on a thread of its own
	 * ({@code purchaseContinuations}); the other calls here are awaited by their callers.
	 * Nothing continuing on it may block.
	 * @param properties the queue's settings
	 * @return the client
	 */
	@Bean(destroyMethod = "close")
	SqsAsyncClient sqsAsyncClient(SqsProperties properties) {
		return AwsClients.sqs(properties.endpoint(), properties.maxConcurrency(), properties.apiCallTimeout(),
				Runnable::run);
	}

	@Bean
	QueueUrls queueUrls(SqsAsyncClient client) {
		return new QueueUrls(client);
	}

	@Bean
	SqsOrderBacklog sqsOrderBacklog(SqsAsyncClient client, QueueUrls queueUrls, SqsProperties properties) {
		return new SqsOrderBacklog(client, queueUrls, properties.ordersQueue());
	}

	@Bean
	SqsDeadLetters sqsDeadLetters(SqsAsyncClient client, QueueUrls queueUrls, SqsProperties properties) {
		return new SqsDeadLetters(client, queueUrls, properties.ordersQueue(), properties.deadLetterQueue());
	}

	@Bean(destroyMethod = "close")
	SqsOrderPublisher sqsOrderPublisher(SqsAsyncClient client, QueueUrls queueUrls, SqsProperties properties,
			JsonMapper jsonMapper) {
		return new SqsOrderPublisher(client, queueUrls, properties.ordersQueue(), jsonMapper,
				properties.maxOrdersPerMessage(), properties.maxSendsInFlight(), properties.maxWaitingOrders());
	}

}
