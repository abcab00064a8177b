package dev.velocity.worker.order.sqs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.worker.order.Disposition;
import dev.velocity.worker.order.OrderIntake;
import dev.velocity.worker.order.ReceivedMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.velocity.orders.OrderBatch;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import org.springframework.context.SmartLifecycle;

/**
 * Long-polls the orders queue with {@code pollers} concurrent loops. Each loop receives
 * up to ten messages, stores all their orders together, deletes (in one batch) only those
 * whose order is stored, leaves failed ones for redelivery after the visibility timeout,
 * and makes poison messages visible at once so that the redrive policy moves them to the
 * DLQ after {@code maxReceiveCount} receives.
 *
 * <p>
 * Stopping cancels the pending long polls (a message received by a cancelled poll stays
 * invisible until its visibility timeout, then comes back) and waits for the batches
 * being handled to finish: nothing is lost, nothing is deleted unwritten.
 */
class SqsOrderPoller implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(SqsOrderPoller.class);

	private final SqsAsyncClient sqs;

	private final OrderIntake intake;

	private final QueueProperties properties;

	private final Counter deadLettered;

	private final AtomicLong deadLetterDepth = new AtomicLong();

	private final Set<CompletableFuture<?>> pendingPolls = ConcurrentHashMap.newKeySet();

	private final List<Thread> loops = new ArrayList<>();

	private volatile boolean running;

	private volatile String queueUrl;

	private volatile long deadLetterDepthCheckedAt;

	SqsOrderPoller(SqsAsyncClient sqs, OrderIntake intake, QueueProperties properties, MeterRegistry meters) {
		this.sqs = sqs;
		this.intake = intake;
		this.properties = properties;
		this.deadLettered = Counter.builder("velocity.worker.dead.lettered")
			.description("Poison messages handed back for the last time; the redrive policy moves them to the DLQ")
			.register(meters);
		Gauge.builder("velocity.worker.dlq.depth", this.deadLetterDepth, AtomicLong::get)
			.description("Messages in the dead-letter queue")
			.register(meters);
	}

	@Override
	public synchronized void start() {
		this.running = true;
		for (int i = 0; i < this.properties.pollers(); i++) {
			Thread loop = new Thread(this::pollLoop, "order-poller-" + i);
			loop.start();
			this.loops.add(loop);
		}
		log.info("Polling {} with {} pollers", this.properties.ordersQueue(), this.properties.pollers());
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.pendingPolls.forEach((poll) -> poll.cancel(true));
		for (Thread loop : this.loops) {
			try {
				loop.join(TimeUnit.SECONDS.toMillis(25));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.loops.clear();
		log.info("Stopped polling {}", this.properties.ordersQueue());
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void pollLoop() {
		while (this.running) {
			try {
				List<Message> messages = receive();
				if (!messages.isEmpty()) {
					handle(messages);
				}
				refreshDeadLetterDepth();
			}
			catch (CancellationException ex) {
				// Stopping.
			}
			catch (RuntimeException ex) {
				if (this.running) {
					log.warn("Polling {} failed; retrying in 1 s: {}", this.properties.ordersQueue(), ex.toString());
					pause(Duration.ofSeconds(1));
				}
			}
		}
	}

	private List<Message> receive() {
		String url = queueUrl();
		CompletableFuture<ReceiveMessageResponse> poll = this.sqs.receiveMessage((request) -> request.queueUrl(url)
			.maxNumberOfMessages(10)
			.waitTimeSeconds((int) this.properties.waitTime().toSeconds())
			.messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
					MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
			.messageAttributeNames(OrderBatch.FIRST_SENDS));
		this.pendingPolls.add(poll);
		try {
			if (!this.running) {
				poll.cancel(true);
			}
			return join(poll).messages();
		}
		finally {
			this.pendingPolls.remove(poll);
		}
	}

	private void handle(List<Message> messages) {
		List<ReceivedMessage> received = messages.stream().map(SqsOrderPoller::toReceived).toList();
		this.intake.observeOldest(received.stream().mapToLong(ReceivedMessage::sentAtMillis).min().orElseThrow());
		List<Disposition> handled = this.intake.handle(received).join();
		for (int i = 0; i < received.size(); i++) {
			if (handled.get(i) == Disposition.POISON
					&& received.get(i).receiveCount() >= this.properties.maxReceiveCount()) {
				this.deadLettered.increment();
			}
		}
		List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
		List<ChangeMessageVisibilityBatchRequestEntry> poisons = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			Message message = messages.get(i);
			switch (handled.get(i)) {
				case DONE -> deletes.add(DeleteMessageBatchRequestEntry.builder()
					.id(String.valueOf(i))
					.receiptHandle(message.receiptHandle())
					.build());
				case POISON -> poisons.add(ChangeMessageVisibilityBatchRequestEntry.builder()
					.id(String.valueOf(i))
					.receiptHandle(message.receiptHandle())
					.visibilityTimeout(0)
					.build());
				case RETRY -> {
					// Left alone: it comes back after the visibility timeout.
				}
			}
		}
		String url = queueUrl();
		if (!deletes.isEmpty()) {
			List<BatchResultErrorEntry> failed = join(
					this.sqs.deleteMessageBatch((request) -> request.queueUrl(url).entries(deletes)))
				.failed();
			// A failed delete only means a redelivery, which the store turns into a
			// duplicate.
			failed.forEach((entry) -> log.warn("Delete of a stored order's message failed: {}", entry));
		}
		if (!poisons.isEmpty()) {
			join(this.sqs.changeMessageVisibilityBatch((request) -> request.queueUrl(url).entries(poisons)));
		}
	}

	private static ReceivedMessage toReceived(Message message) {
		Map<MessageSystemAttributeName, String> attributes = message.attributes();
		long sentAt = parseLong(attributes.get(MessageSystemAttributeName.SENT_TIMESTAMP), System.currentTimeMillis());
		int receiveCount = (int) parseLong(attributes.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT), 1);
		MessageAttributeValue firstSends = message.messageAttributes().get(OrderBatch.FIRST_SENDS);
		return new ReceivedMessage(message.messageId(), message.body(), sentAt, receiveCount,
				firstSends != null && "true".equals(firstSends.stringValue()));
	}

	private void refreshDeadLetterDepth() {
		long now = System.currentTimeMillis();
		if (now - this.deadLetterDepthCheckedAt < 10_000) {
			return;
		}
		this.deadLetterDepthCheckedAt = now;
		this.sqs.getQueueUrl((request) -> request.queueName(this.properties.deadLetterQueue()))
			.thenCompose((dlq) -> this.sqs.getQueueAttributes((request) -> request.queueUrl(dlq.queueUrl())
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)))
			.thenAccept((response) -> this.deadLetterDepth
				.set(parseLong(response.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), 0)))
			.exceptionally((error) -> null);
	}

	private String queueUrl() {
		String url = this.queueUrl;
		if (url == null) {
			url = join(this.sqs.getQueueUrl((request) -> request.queueName(this.properties.ordersQueue()))).queueUrl();
			this.queueUrl = url;
		}
		return url;
	}

	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private static long parseLong(String value, long fallback) {
		try {
			return (value != null) ? Long.parseLong(value) : fallback;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
