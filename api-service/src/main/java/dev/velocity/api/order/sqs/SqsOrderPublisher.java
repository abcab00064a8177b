package dev.velocity.api.order.sqs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.velocity.api.order.OrderPublisher;
import dev.velocity.model.OrderPlaced;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.batchmanager.SqsAsyncBatchManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link OrderPlaced} as JSON through the SDK's batch manager, which packs
 * concurrent sends into SendMessageBatch calls of up to ten.
 */
class SqsOrderPublisher implements OrderPublisher {

	private final SqsAsyncClient client;

	private final SqsAsyncBatchManager batchManager;

	private final String queueName;

	private final JsonMapper jsonMapper;

	private final Executor sendExecutor;

	private volatile String queueUrl;

	SqsOrderPublisher(SqsAsyncClient client, SqsAsyncBatchManager batchManager, String queueName, JsonMapper jsonMapper,
			Executor sendExecutor) {
		this.client = client;
		this.sendExecutor = sendExecutor;
		this.batchManager = batchManager;
		this.queueName = queueName;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public CompletableFuture<Void> publish(OrderPlaced order) {
		String body = this.jsonMapper.writeValueAsString(order);
		// Sends start on a platform thread: the SDK loads classes lazily on its first
		// sends, and
		// class loading pins a virtual thread to its carrier; a storm of first purchases
		// could pin
		// every carrier (one per core) and deadlock. The purchase's virtual thread only
		// waits.
		return CompletableFuture.supplyAsync(() -> queueUrl(), this.sendExecutor)
			.thenCompose((url) -> url)
			.thenComposeAsync((url) -> this.batchManager.sendMessage((send) -> send.queueUrl(url).messageBody(body)),
					this.sendExecutor)
			.thenApply((response) -> null);
	}

	/** Resolved once, on first use, so the API starts even while the queue is away. */
	private CompletableFuture<String> queueUrl() {
		String url = this.queueUrl;
		if (url != null) {
			return CompletableFuture.completedFuture(url);
		}
		return this.client.getQueueUrl((request) -> request.queueName(this.queueName)).thenApply((response) -> {
			this.queueUrl = response.queueUrl();
			return this.queueUrl;
		});
	}

}
