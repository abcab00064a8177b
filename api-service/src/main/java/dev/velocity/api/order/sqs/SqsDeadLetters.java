package dev.velocity.api.order.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.velocity.api.order.DeadLetters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Redrives by receive, send, delete: a message leaves the DLQ only after the orders queue
 * has it, so a failure midway duplicates at worst (the worker drops duplicates) and never
 * loses.
 */
class SqsDeadLetters implements DeadLetters {

	private static final Logger log = LoggerFactory.getLogger(SqsDeadLetters.class);

	private final SqsAsyncClient sqs;

	private final QueueUrls queueUrls;

	private final String ordersQueue;

	private final String deadLetterQueue;

	SqsDeadLetters(SqsAsyncClient sqs, QueueUrls queueUrls, String ordersQueue, String deadLetterQueue) {
		this.sqs = sqs;
		this.queueUrls = queueUrls;
		this.ordersQueue = ordersQueue;
		this.deadLetterQueue = deadLetterQueue;
	}

	@Override
	public long depth() {
		String url = this.queueUrls.join(this.deadLetterQueue);
		String depth = this.sqs
			.getQueueAttributes((request) -> request.queueUrl(url)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
			.join()
			.attributes()
			.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
		return Long.parseLong(depth);
	}

	@Override
	public int redrive(int max) {
		String from = this.queueUrls.join(this.deadLetterQueue);
		String to = this.queueUrls.join(this.ordersQueue);
		int moved = 0;
		while (moved < max) {
			int batchSize = Math.min(10, max - moved);
			List<Message> messages = this.sqs
				.receiveMessage(
						(request) -> request.queueUrl(from).maxNumberOfMessages(batchSize).visibilityTimeout(60))
				.join()
				.messages();
			if (messages.isEmpty()) {
				break;
			}
			// Bodies only: a redriven message never says it holds first sends, so the
			// worker checks the store before it writes its orders.
			List<SendMessageBatchRequestEntry> sends = new ArrayList<>();
			for (int i = 0; i < messages.size(); i++) {
				sends.add(SendMessageBatchRequestEntry.builder()
					.id(String.valueOf(i))
					.messageBody(messages.get(i).body())
					.build());
			}
			Set<String> sent = this.sqs.sendMessageBatch((request) -> request.queueUrl(to).entries(sends))
				.join()
				.successful()
				.stream()
				.map(SendMessageBatchResultEntry::id)
				.collect(Collectors.toSet());
			List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
			for (int i = 0; i < messages.size(); i++) {
				if (sent.contains(String.valueOf(i))) {
					deletes.add(DeleteMessageBatchRequestEntry.builder()
						.id(String.valueOf(i))
						.receiptHandle(messages.get(i).receiptHandle())
						.build());
				}
			}
			if (!deletes.isEmpty()) {
				this.sqs.deleteMessageBatch((request) -> request.queueUrl(from).entries(deletes)).join();
			}
			moved += deletes.size();
			if (deletes.size() < messages.size()) {
				log.warn("Redrive: {} of {} messages could not be sent back; they stay in the DLQ",
						messages.size() - deletes.size(), messages.size());
				break;
			}
		}
		log.info("Redrove {} messages from {} to {}", moved, this.deadLetterQueue, this.ordersQueue);
		return moved;
	}

}
