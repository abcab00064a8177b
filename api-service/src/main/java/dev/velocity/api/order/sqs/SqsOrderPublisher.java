package dev.velocity.api.order.sqs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import dev.velocity.api.order.OrderPublisher;
import dev.velocity.model.OrderPlaced;
import software.amazon.awssdk.services.sqs.batchmanager.SqsAsyncBatchManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link OrderPlaced} as JSON through the SDK's batch manager, which packs
 * concurrent sends into SendMessageBatch calls of up to ten.
 */
class SqsOrderPublisher implements OrderPublisher {

	private final QueueUrls queueUrls;

	private final SqsAsyncBatchManager batchManager;

	private final String queueName;

	private final JsonMapper jsonMapper;

	private final Executor sendExecutor;

	SqsOrderPublisher(QueueUrls queueUrls, SqsAsyncBatchManager batchManager, String queueName, JsonMapper jsonMapper,
			Executor sendExecutor) {
		this.queueUrls = queueUrls;
		this.batchManager = batchManager;
		this.queueName = queueName;
		this.jsonMapper = jsonMapper;
		this.sendExecutor = sendExecutor;
	}

	@Override
	public CompletableFuture<Void> publish(OrderPlaced order) {
		String body = this.jsonMapper.writeValueAsString(order);
		// One hop to a platform thread, where the SDK is entered: it loads classes lazily
		// on its
		// first sends, and class loading pins a virtual thread to its carrier (one per
		// core), so a
		// storm of first purchases could pin them all and deadlock. The purchase only
		// waits.
		return CompletableFuture
			.supplyAsync(() -> this.queueUrls.of(this.queueName)
				.thenCompose((url) -> this.batchManager.sendMessage((send) -> send.queueUrl(url).messageBody(body))),
					this.sendExecutor)
			.thenCompose((sent) -> sent)
			.thenApply((response) -> null);
	}

}
