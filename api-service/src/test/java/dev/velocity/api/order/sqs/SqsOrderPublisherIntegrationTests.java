package dev.velocity.api.order.sqs;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import dev.velocity.api.order.SendFailed;
import dev.velocity.localservers.LocalAws;
import dev.velocity.testsupport.SharedServers;
import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit against a real ElasticMQ: what arrives, and in how many messages. */
class SqsOrderPublisherIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String queue = "publisher-" + UUID.randomUUID();

	private SqsClient sqs;

	private SqsAsyncClient asyncSqs;

	private String queueUrl;

	@BeforeEach
	void queue() {
		LocalAws.useLocalCredentials();
		this.sqs = LocalAws.sqs(SharedServers.elasticMq().endpoint());
		this.asyncSqs = SqsAsyncClient.builder().endpointOverride(SharedServers.elasticMq().endpoint()).build();
		this.queueUrl = this.sqs.createQueue((create) -> create.queueName(this.queue)).queueUrl();
	}

	@AfterEach
	void close() {
		this.asyncSqs.close();
		this.sqs.close();
	}

	@Test
	void sendsOrdersThatArriveTogetherInFewMessagesEachOnceAndAcknowledgesEveryOne() throws Exception {
		List<OrderPlaced> orders = IntStream.range(0, 300).mapToObj((n) -> order(n, null)).toList();

		List<OrderBatch> received = publishAndReceive(orders, 100, 4);

		assertThat(received).hasSizeLessThan(orders.size() / 2)
			.allSatisfy((batch) -> assertThat(batch.orders()).hasSizeBetween(1, 100));
		assertThat(received.stream().flatMap((batch) -> batch.orders().stream()))
			.containsExactlyInAnyOrderElementsOf(orders);
	}

	@Test
	void keepsEveryMessageUnderTheSizeLimitWhateverTheOrderCount() throws Exception {
		// Long idempotency keys make 500 orders about three times as large as one message
		// may be.
		List<OrderPlaced> orders = IntStream.range(0, 500).mapToObj((n) -> order(n, "k".repeat(1000) + n)).toList();

		List<OrderBatch> received = publishAndReceive(orders, 500, 1);

		assertThat(received).hasSizeGreaterThan(1);
		assertThat(received).allSatisfy((batch) -> assertThat(json.writeValueAsString(batch).length())
			.isLessThanOrEqualTo(SqsOrderPublisher.MAX_MESSAGE_BYTES + 20));
		assertThat(received.stream().flatMap((batch) -> batch.orders().stream()))
			.containsExactlyInAnyOrderElementsOf(orders);
	}

	@Test
	void failsTheOrdersOfASendTheQueueRefusedWithOneFailurePerSend() throws Exception {
		try (SqsOrderPublisher publisher = new SqsOrderPublisher(this.asyncSqs, new QueueUrls(this.asyncSqs),
				"no-such-queue-" + UUID.randomUUID(), json, 100, 1, 1_000)) {
			CompletableFuture<Void> sent = publisher.publish(order(1, null), true);

			assertThat(sent).failsWithin(10, TimeUnit.SECONDS);

			// Orders sent together fail together: one SendFailed per send, not per order.
			List<CompletableFuture<Void>> together = IntStream.range(0, 20)
				.mapToObj((n) -> publisher.publish(order(n, null), true))
				.toList();
			Set<Throwable> failures = Collections.newSetFromMap(new IdentityHashMap<>());
			for (CompletableFuture<Void> future : together) {
				assertThat(future).failsWithin(10, TimeUnit.SECONDS);
				future.handle((ignored, error) -> failures.add(error)).get();
			}
			assertThat(failures).allSatisfy((failure) -> assertThat(failure).isInstanceOf(SendFailed.class))
				.hasSizeLessThan(together.size());
		}
	}

	@Test
	void refusesOrdersAtOnceWhenMoreThanTheLimitWaitForAStalledQueue() throws Exception {
		// A "queue" that takes connections and never answers: every send stalls.
		try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				SqsAsyncClient stalled = SqsAsyncClient.builder()
					.endpointOverride(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
					.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofMillis(200)))
					.build();
				SqsOrderPublisher publisher = new SqsOrderPublisher(stalled, new QueueUrls(stalled), this.queue, json,
						1, 1, 3)) {
			List<CompletableFuture<Void>> futures = IntStream.range(0, 20)
				.mapToObj((n) -> publisher.publish(order(n, null), true))
				.toList();

			// One order per message: at most one in flight, one held for the next send
			// and
			// three waiting; the rest refused at once.
			List<CompletableFuture<Void>> refused = futures.stream().filter(CompletableFuture::isDone).toList();
			assertThat(refused).hasSizeBetween(20 - 5, 20 - 3)
				.allSatisfy((future) -> assertThat(future).failsWithin(Duration.ZERO)
					.withThrowableOfType(java.util.concurrent.ExecutionException.class)
					.withCauseInstanceOf(RejectedExecutionException.class));
		}
	}

	@Test
	void marksAsFirstSendsOnlyTheMessagesWithoutAResend() throws Exception {
		List<OrderPlaced> orders = IntStream.range(0, 300).mapToObj((n) -> order(n, null)).toList();
		OrderPlaced resent = orders.get(150);

		List<Message> messages = publishAndReceiveMessages(orders, (order) -> order != resent, 100, 1);

		assertThat(messages).hasSizeGreaterThan(1).allSatisfy((message) -> {
			boolean holdsTheResend = message.body().contains(resent.orderId());
			MessageAttributeValue mark = message.messageAttributes().get(OrderBatch.FIRST_SENDS);
			assertThat((mark != null) ? mark.stringValue() : null).isEqualTo(holdsTheResend ? null : "true");
		});
	}

	private List<OrderBatch> publishAndReceive(List<OrderPlaced> orders, int maxOrdersPerMessage, int inFlight)
			throws Exception {
		return publishAndReceiveMessages(orders, (order) -> true, maxOrdersPerMessage, inFlight).stream()
			.map((message) -> json.readValue(message.body(), OrderBatch.class))
			.toList();
	}

	private List<Message> publishAndReceiveMessages(List<OrderPlaced> orders, Predicate<OrderPlaced> firstSend,
			int maxOrdersPerMessage, int inFlight) throws Exception {
		try (SqsOrderPublisher publisher = new SqsOrderPublisher(this.asyncSqs, new QueueUrls(this.asyncSqs),
				this.queue, json, maxOrdersPerMessage, inFlight, 1_000)) {
			List<CompletableFuture<Void>> acknowledged = orders.stream()
				.map((order) -> publisher.publish(order, firstSend.test(order)))
				.toList();
			CompletableFuture.allOf(acknowledged.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		List<Message> received = new ArrayList<>();
		List<Message> messages;
		do {
			messages = this.sqs
				.receiveMessage((receive) -> receive.queueUrl(this.queueUrl)
					.maxNumberOfMessages(10)
					.messageAttributeNames(OrderBatch.FIRST_SENDS))
				.messages();
			received.addAll(messages);
		}
		while (!messages.isEmpty());
		return received;
	}

	private static OrderPlaced order(int n, String idempotencyKey) {
		return new OrderPlaced("s." + UUID.randomUUID(), "s", "user-" + n, 1,
				Instant.ofEpochMilli(1_700_000_000_000L + n), idempotencyKey);
	}

}
