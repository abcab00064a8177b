package dev.velocity.api.order.sqs;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.order.OrderPublisher;
import dev.velocity.api.order.SendFailed;
import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends orders by group commit: the orders that arrive while earlier sends are in flight
 * leave together, as one {@link OrderBatch} message of up to {@code maxOrdersPerMessage}
 * orders. Alone, an order leaves at once; under a storm one SendMessage carries dozens,
 * and the SDK's per-call work (marshalling, signing, HTTP) and the queue's per-message
 * work are paid once for all of them. Each order's future completes when the queue has
 * acknowledged its message, or fails with the send's one {@link SendFailed}.
 *
 * <p>
 * At most {@code maxWaitingOrders} orders wait for a send: past that the queue is not
 * keeping up, and a new order's future fails at once ({@link RejectedExecutionException})
 * rather than piling up in memory. Its order is safe in the outbox, which the relay
 * drains, and the hand-off counts the failure, so that new purchases are refused while
 * the queue falls behind.
 *
 * <p>
 * Sends start on one platform thread: the SDK loads classes lazily on its first calls,
 * and class loading pins a virtual thread to its carrier (one per core), so a storm of
 * first purchases entering the SDK themselves could pin them all and deadlock.
 */
class SqsOrderPublisher implements OrderPublisher, AutoCloseable {

	/** Below SQS's 256 KiB message limit, with room for the envelope. */
	static final int MAX_MESSAGE_BYTES = 200 * 1024;

	private static final byte[] BODY_START = ("{\"" + OrderBatch.ORDERS + "\":[").getBytes(StandardCharsets.UTF_8);

	private static final byte[] BODY_END = "]}".getBytes(StandardCharsets.UTF_8);

	private static final Map<String, MessageAttributeValue> FIRST_SENDS = Map.of(OrderBatch.FIRST_SENDS,
			MessageAttributeValue.builder().dataType("String").stringValue("true").build());

	private final SqsAsyncClient sqs;

	private final QueueUrls queueUrls;

	private final String queueName;

	private final JsonMapper jsonMapper;

	private final int maxOrdersPerMessage;

	private final int maxSendsInFlight;

	private final Semaphore inFlight;

	private final BlockingQueue<Pending> waiting;

	private final Thread sender;

	private volatile boolean open = true;

	private Pending carried;

	SqsOrderPublisher(SqsAsyncClient sqs, QueueUrls queueUrls, String queueName, JsonMapper jsonMapper,
			int maxOrdersPerMessage, int maxSendsInFlight, int maxWaitingOrders) {
		this.sqs = sqs;
		this.queueUrls = queueUrls;
		this.queueName = queueName;
		this.jsonMapper = jsonMapper;
		this.maxOrdersPerMessage = maxOrdersPerMessage;
		this.maxSendsInFlight = maxSendsInFlight;
		this.inFlight = new Semaphore(maxSendsInFlight);
		this.waiting = new LinkedBlockingQueue<>(maxWaitingOrders);
		this.sender = new Thread(this::sendLoop, "sqs-send");
		this.sender.setDaemon(true);
		this.sender.start();
	}

	@Override
	public CompletableFuture<Void> publish(OrderPlaced order, boolean firstSend) {
		CompletableFuture<Void> acknowledged = new CompletableFuture<>();
		if (!this.open) {
			acknowledged.completeExceptionally(new IllegalStateException("The order publisher is closed"));
			return acknowledged;
		}
		if (!this.waiting.offer(new Pending(order, firstSend, acknowledged))) {
			acknowledged.completeExceptionally(new RejectedExecutionException(
					"Too many orders wait to be sent; the outbox keeps order " + order.orderId()));
		}
		return acknowledged;
	}

	private void sendLoop() {
		while (this.open || this.carried != null || !this.waiting.isEmpty()) {
			try {
				Pending first = (this.carried != null) ? this.carried : this.waiting.poll(100, TimeUnit.MILLISECONDS);
				this.carried = null;
				if (first == null) {
					continue;
				}
				// While every send is in flight, the next message's orders gather.
				this.inFlight.acquire();
				send(gather(first));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** The first order and those waiting after it, within the message's limits. */
	private Batch gather(Pending first) {
		List<Pending> orders = new ArrayList<>();
		// Built as UTF-8 bytes: the size limit is counted on what is sent, and the body
		// is
		// decoded once per message rather than each order encoded twice.
		ByteArrayOutputStream body = new ByteArrayOutputStream(8192);
		body.writeBytes(BODY_START);
		Pending next = first;
		while (next != null) {
			byte[] json;
			try {
				json = this.jsonMapper.writeValueAsBytes(next.order());
			}
			catch (RuntimeException ex) {
				next.acknowledged().completeExceptionally(ex);
				next = this.waiting.poll();
				continue;
			}
			if (!orders.isEmpty() && body.size() + 1 + json.length > MAX_MESSAGE_BYTES) {
				this.carried = next;
				break;
			}
			if (!orders.isEmpty()) {
				body.write(',');
			}
			body.writeBytes(json);
			orders.add(next);
			next = (orders.size() < this.maxOrdersPerMessage) ? this.waiting.poll() : null;
		}
		body.writeBytes(BODY_END);
		return new Batch(orders, body.toString(StandardCharsets.UTF_8), orders.stream().allMatch(Pending::firstSend));
	}

	private void send(Batch batch) {
		if (batch.orders().isEmpty()) {
			this.inFlight.release();
			return;
		}
		CompletableFuture<?> sent;
		try {
			sent = this.queueUrls.of(this.queueName)
				.thenCompose((url) -> this.sqs.sendMessage((send) -> send.queueUrl(url)
					.messageBody(batch.body())
					.messageAttributes(batch.firstSends() ? FIRST_SENDS : Map.of())));
		}
		catch (RuntimeException ex) {
			sent = CompletableFuture.failedFuture(ex);
		}
		sent.whenComplete((response, error) -> {
			this.inFlight.release();
			SendFailed failed = (error != null) ? new SendFailed(
					(error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error)
					: null;
			for (Pending pending : batch.orders()) {
				if (failed == null) {
					pending.acknowledged().complete(null);
				}
				else {
					pending.acknowledged().completeExceptionally(failed);
				}
			}
		});
	}

	/**
	 * Sends what is waiting, then waits a little for the last acknowledgements; anything
	 * not acknowledged stays in the outbox.
	 */
	@Override
	public void close() throws InterruptedException {
		this.open = false;
		this.sender.join(TimeUnit.SECONDS.toMillis(10));
		if (this.inFlight.tryAcquire(this.maxSendsInFlight, 5, TimeUnit.SECONDS)) {
			this.inFlight.release(this.maxSendsInFlight);
		}
		Pending left;
		while ((left = this.waiting.poll()) != null) {
			left.acknowledged().completeExceptionally(new IllegalStateException("The order publisher is closed"));
		}
	}

	private record Pending(OrderPlaced order, boolean firstSend, CompletableFuture<Void> acknowledged) {
	}

	/**
	 * A message's orders and body; {@code firstSends} when no order in it was sent
	 * before.
	 */
	private record Batch(List<Pending> orders, String body, boolean firstSends) {
	}

}
