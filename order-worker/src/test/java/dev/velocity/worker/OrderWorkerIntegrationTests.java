package dev.velocity.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderItems;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker against real ElasticMQ and dynalite. */
class OrderWorkerIntegrationTests {

	private WorkerFixture fixture;

	private ConfigurableApplicationContext worker;

	@BeforeEach
	void fixture() {
		this.fixture = WorkerFixture.onSharedServers();
	}

	@AfterEach
	void close() {
		if (this.worker != null) {
			this.worker.close();
		}
		this.fixture.close();
	}

	@Test
	void writesEveryOrderOnceAndDeletesItsMessage() {
		List<OrderPlaced> orders = IntStream.range(0, 200).mapToObj((n) -> WorkerFixture.order("sale-a", n)).toList();
		this.fixture.sendAll(orders);

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.itemCount()).isEqualTo(200);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		OrderPlaced first = orders.get(0);
		Map<String, AttributeValue> item = this.fixture.item(first.orderId());
		assertThat(item.get("saleId").s()).isEqualTo("sale-a");
		assertThat(item.get("userId").s()).isEqualTo(first.userId());
		assertThat(item.get("quantity").n()).isEqualTo("1");
		assertThat(item.get("placedAt").s()).isEqualTo(first.placedAt().toString());
		assertThat(counter("velocity.worker.written")).isEqualTo(200);
	}

	@Test
	void storesOneItemForTheSameOrderSentInTwoMessages() {
		OrderPlaced order = WorkerFixture.order("sale-b", 1);
		this.fixture.send(order);
		this.fixture.send(order);

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
			assertThat(counter("velocity.worker.duplicates")).isEqualTo(1);
		});
		assertThat(this.fixture.itemCount()).isEqualTo(1);
		assertThat(counter("velocity.worker.written")).isEqualTo(1);
	}

	@Test
	void neverRewritesAnOrderStoredByAnEarlierDeliveryOfTheSameMessage() {
		// The first delivery was written, then the worker died before deleting it.
		OrderPlaced order = WorkerFixture.order("sale-c", 1);
		this.fixture.send(order);
		this.worker = this.fixture.startWorker();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.fixture.item(order.orderId())).isNotEmpty());
		String persistedAt = this.fixture.item(order.orderId()).get("persistedAt").s();
		this.worker.close();

		// ... and the queue delivers it again.
		this.fixture.send(order);
		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(counter("velocity.worker.duplicates")).isEqualTo(1);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		assertThat(this.fixture.itemCount()).isEqualTo(1);
		assertThat(this.fixture.item(order.orderId()).get("persistedAt").s()).isEqualTo(persistedAt);
	}

	@Test
	void looksUpTheOrdersOfARedeliveredMessageOfFirstSends() {
		List<OrderPlaced> orders = IntStream.range(0, 30).mapToObj((n) -> WorkerFixture.order("sale-f", n)).toList();
		this.fixture.sendFirstSends(orders);
		this.worker = this.fixture.startWorker();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.itemCount()).isEqualTo(30);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		String persistedAt = this.fixture.item(orders.get(0).orderId()).get("persistedAt").s();
		this.worker.close();

		// The same message again, delivered a second time (its first delivery's delete
		// was
		// lost): the mark no longer spares the look-up.
		this.fixture.sendFirstSends(orders);
		assertThat(this.fixture.sqs
			.receiveMessage((request) -> request.queueUrl(this.fixture.queueUrl).visibilityTimeout(0))
			.messages()).hasSize(1);
		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(counter("velocity.worker.duplicates")).isEqualTo(30);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		assertThat(this.fixture.itemCount()).isEqualTo(30);
		assertThat(this.fixture.item(orders.get(0).orderId()).get("persistedAt").s()).isEqualTo(persistedAt);
	}

	@Test
	void writesFirstSendsOnTheirFirstDeliveryWithoutALookUpAndStillAsOneItemEach() {
		OrderPlaced order = WorkerFixture.order("sale-g", 1);
		this.fixture.send(order);
		this.worker = this.fixture.startWorker();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(counter("velocity.worker.written")).isEqualTo(1));

		// Only a send that timed out yet landed, then relayed and stored first, can do
		// this:
		// the write goes ahead unread, onto the same key.
		this.fixture.sendFirstSends(List.of(order));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(counter("velocity.worker.written")).isEqualTo(2);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		assertThat(counter("velocity.worker.duplicates")).isZero();
		assertThat(this.fixture.itemCount()).isEqualTo(1);
	}

	@Test
	void sendsPoisonMessagesToTheDeadLetterQueueAndWritesTheGoodOnesAroundThem() {
		List<OrderPlaced> good = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			OrderPlaced order = WorkerFixture.order("sale-d", i);
			good.add(order);
			this.fixture.send(order);
			this.fixture.sendRaw((i == 0) ? "this is not JSON" : "{\"orderId\":\"sale-d.x" + i + "\",\"quantity\":0}");
		}

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.itemCount()).isEqualTo(3);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
			assertThat(this.fixture.queueDepth(this.fixture.deadLetterUrl)).isEqualTo(3);
		});
		good.forEach((order) -> assertThat(this.fixture.item(order.orderId())).isNotEmpty());
		List<Message> dead = this.fixture.sqs
			.receiveMessage((request) -> request.queueUrl(this.fixture.deadLetterUrl)
				.maxNumberOfMessages(10)
				.messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
			.messages();
		assertThat(dead).extracting(Message::body)
			.containsExactlyInAnyOrder("this is not JSON", "{\"orderId\":\"sale-d.x1\",\"quantity\":0}",
					"{\"orderId\":\"sale-d.x2\",\"quantity\":0}");
		assertThat(dead).allSatisfy((message) -> {
			assertThat(Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)))
				.isGreaterThanOrEqualTo(WorkerFixture.MAX_RECEIVE_COUNT);
		});
		assertThat(counter("velocity.worker.poison")).isGreaterThanOrEqualTo(3 * WorkerFixture.MAX_RECEIVE_COUNT);
		assertThat(counter("velocity.worker.dead.lettered")).isEqualTo(3);
	}

	@Test
	void storesEveryOrderOfBatchMessagesAndAnOrderSentTwiceOnce() {
		List<OrderPlaced> orders = IntStream.range(0, 120).mapToObj((n) -> WorkerFixture.order("sale-e", n)).toList();
		this.fixture.sendBatch(orders.subList(0, 60));
		this.fixture.sendBatch(orders.subList(60, 120));
		// The format before batches, repeating an order of the first batch.
		this.fixture.send(orders.get(0));

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.itemCount()).isEqualTo(120);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		orders.forEach(
				(order) -> assertThat(this.fixture.item(order.orderId()).get("userId").s()).isEqualTo(order.userId()));
		assertThat(counter("velocity.worker.written")).isEqualTo(120);
		assertThat(counter("velocity.worker.duplicates")).isEqualTo(1);
	}

	@Test
	void listsEveryStoredOrderOnceInItsSalesPages() {
		List<OrderPlaced> big = IntStream.range(0, 150).mapToObj((n) -> WorkerFixture.order("sale-g", n)).toList();
		List<OrderPlaced> small = IntStream.range(0, 30).mapToObj((n) -> WorkerFixture.order("sale-h", n)).toList();
		// Messages mixing both sales, and one order sent once more on its own.
		for (int i = 0; i < 3; i++) {
			List<OrderPlaced> mixed = new ArrayList<>(big.subList(i * 50, i * 50 + 50));
			mixed.addAll(small.subList(i * 10, i * 10 + 10));
			this.fixture.sendBatch(mixed);
		}
		this.fixture.send(big.get(0));

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.itemCount()).isEqualTo(180);
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
		});
		assertListedOnce("sale-g", big);
		assertListedOnce("sale-h", small);
		assertThat(this.fixture.pages("sale-g"))
			.allSatisfy((page) -> assertThat(page).hasSizeLessThanOrEqualTo(OrderTable.MAX_PAGE_ORDERS)
				.allSatisfy((order) -> assertThat(order.saleId()).isEqualTo("sale-g")));
	}

	@Test
	void listsAnOrderStoredByADeliveryThatFailedBeforeListingIt() {
		OrderPlaced order = WorkerFixture.order("sale-i", 1);
		// Stored, not listed: as a delivery leaves it that failed between the two writes.
		this.fixture.dynamo.putItem(
				(put) -> put.tableName(this.fixture.names.ordersTable()).item(OrderItems.item(order, Instant.now())));
		this.fixture.send(order);

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero());
		assertThat(counter("velocity.worker.duplicates")).isEqualTo(1);
		assertListedOnce("sale-i", List.of(order));
	}

	private void assertListedOnce(String saleId, List<OrderPlaced> orders) {
		List<String> listed = this.fixture.pages(saleId)
			.stream()
			.flatMap(List::stream)
			.map(OrderPlaced::orderId)
			.toList();
		assertThat(new HashSet<>(listed))
			.containsExactlyInAnyOrderElementsOf(orders.stream().map(OrderPlaced::orderId).toList());
	}

	@Test
	void sendsABatchHoldingAnInvalidOrderToTheDeadLetterQueueWhole() {
		OrderPlaced good = WorkerFixture.order("sale-f", 1);
		String body = "{\"orders\":[{\"orderId\":\"" + good.orderId() + "\",\"saleId\":\"sale-f\",\"userId\":\"u\","
				+ "\"quantity\":1,\"placedAt\":\"" + good.placedAt()
				+ "\"},{\"orderId\":\"sale-f.x\",\"quantity\":0}]}";
		this.fixture.sendRaw(body);

		this.worker = this.fixture.startWorker();

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(this.fixture.queueDepth(this.fixture.queueUrl)).isZero();
			assertThat(this.fixture.queueDepth(this.fixture.deadLetterUrl)).isEqualTo(1);
		});
		assertThat(this.fixture.itemCount()).isZero();
		assertThat(counter("velocity.worker.written")).isZero();
	}

	private double counter(String name) {
		return this.worker.getBean(MeterRegistry.class).get(name).counter().count();
	}

}
