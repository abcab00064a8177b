package dev.velocity.api.order.sqs;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;
import software.amazon.awssdk.services.sqs.batchmanager.SqsAsyncBatchManager;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The SQS client, its batch manager and the publisher built on them, each built once. */
@Configuration(proxyBeanMethods = false)
class SqsConfiguration {

	@Bean(destroyMethod = "close")
	SqsAsyncClient sqsAsyncClient(SqsProperties properties) {
		SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(properties.maxConcurrency()))
			.overrideConfiguration((override) -> override.apiCallTimeout(properties.apiCallTimeout()));
		if (properties.endpoint() != null) {
			builder.endpointOverride(properties.endpoint());
		}
		return builder.build();
	}

	@Bean(destroyMethod = "close")
	SqsAsyncBatchManager sqsBatchManager(SqsAsyncClient client, SqsProperties properties) {
		return SqsAsyncBatchManager.builder()
			.client(client)
			.scheduledExecutor(Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "sqs-batch");
				thread.setDaemon(true);
				return thread;
			}))
			.overrideConfiguration((batch) -> batch.maxBatchSize(10).sendRequestFrequency(properties.batchWindow()))
			.build();
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

	@Bean
	SqsOrderPublisher sqsOrderPublisher(QueueUrls queueUrls, SqsAsyncBatchManager batchManager,
			SqsProperties properties, JsonMapper jsonMapper) {
		return new SqsOrderPublisher(queueUrls, batchManager, properties.ordersQueue(), jsonMapper, sendExecutor());
	}

	/** Platform threads that start SQS sends (see {@link SqsOrderPublisher#publish}). */
	private static ExecutorService sendExecutor() {
		return Executors.newFixedThreadPool(2, (task) -> {
			Thread thread = new Thread(task, "sqs-send");
			thread.setDaemon(true);
			return thread;
		});
	}

}
