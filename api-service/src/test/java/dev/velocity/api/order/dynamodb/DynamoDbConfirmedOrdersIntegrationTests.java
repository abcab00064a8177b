package dev.velocity.api.order.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.api.order.PersistedOrders;
import dev.velocity.localservers.LocalAws;
import dev.velocity.testsupport.SharedServers;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderItems;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Counting a sale's persisted orders from its pages, on a real dynalite. */
class DynamoDbConfirmedOrdersIntegrationTests {

	private final String table = "tally-" + UUID.randomUUID();

	private final String saleId = "tally-sale";

	/** Pages the reader asked DynamoDB for, in BatchGetItem calls. */
	private final AtomicInteger pagesRead = new AtomicInteger();

	private DynamoDbClient dynamo;

	private DynamoDbClient counted;

	@BeforeEach
	void table() {
		LocalAws.useLocalCredentials();
		this.dynamo = LocalAws.dynamoDb(SharedServers.dynalite().endpoint());
		LocalAws.createOrdersTable(this.dynamo, LocalAws.Names.named(this.table));
		this.counted = DynamoDbClient.builder()
			.endpointOverride(SharedServers.dynalite().endpoint())
			.overrideConfiguration((override) -> override.addExecutionInterceptor(new ExecutionInterceptor() {
				@Override
				public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
					if (context.request() instanceof BatchGetItemRequest get) {
						get.requestItems()
							.values()
							.forEach((keys) -> DynamoDbConfirmedOrdersIntegrationTests.this.pagesRead
								.addAndGet(keys.keys().size()));
					}
				}
			}))
			.build();
	}

	@AfterEach
	void close() {
		this.counted.close();
		this.dynamo.close();
	}

	@Test
	void countsEachOrderOnceAndReadsOnlyThePagesItHasNotCounted() {
		DynamoDbConfirmedOrders confirmed = reader(1_000_000);
		List<OrderPlaced> first = orders(0, 30, 2);
		store(first.subList(0, 10));
		store(first.subList(10, 30));

		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(30, 60));
		assertThat(this.pagesRead).hasValue(2);

		// A redelivery lists five counted orders again beside three new ones.
		List<OrderPlaced> redelivered = new ArrayList<>(first.subList(5, 10));
		redelivered.addAll(orders(30, 3, 1));
		store(redelivered);

		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(33, 63));
		assertThat(this.pagesRead).as("only the new page is read").hasValue(3);
		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(33, 63));
		assertThat(this.pagesRead).hasValue(3);
		// What a rebuild reads agrees.
		assertThat(confirmed.findBySale(this.saleId)).hasSize(33);
	}

	@Test
	void countsFromTheStartASaleWhoseTallyItCouldNotKeep() {
		DynamoDbConfirmedOrders confirmed = reader(0);
		store(orders(0, 10, 1));
		store(orders(10, 10, 1));

		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(20, 20));
		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(20, 20));
		assertThat(this.pagesRead).as("both pages, each time").hasValue(4);
	}

	@Test
	void startsOverWhenCountedPagesAreGone() {
		DynamoDbConfirmedOrders confirmed = reader(1_000_000);
		List<OrderPlaced> orders = orders(0, 10, 1);
		store(orders);
		assertThat(confirmed.tally(this.saleId).orders()).isEqualTo(10);

		// The table emptied (a test stack reset, say) and written anew.
		this.dynamo.scanPaginator((scan) -> scan.tableName(this.table))
			.items()
			.forEach((item) -> this.dynamo.deleteItem(
					(delete) -> delete.tableName(this.table).key(OrderItems.key(item.get(OrderTable.ORDER_ID).s()))));
		store(orders.subList(0, 4));

		assertThat(confirmed.tally(this.saleId)).isEqualTo(new PersistedOrders(4, 4));
	}

	private DynamoDbConfirmedOrders reader(long maxTalliedOrders) {
		return new DynamoDbConfirmedOrders(this.counted, this.table, JsonMapper.builder().build(), maxTalliedOrders);
	}

	private void store(List<OrderPlaced> orders) {
		ApiIntegrationTestSupport.storeAsTheWorkerWould(this.dynamo, this.table, orders);
	}

	private List<OrderPlaced> orders(int from, int count, int quantity) {
		Instant placedAt = Instant.parse("2026-12-01T10:00:00Z");
		return IntStream.range(from, from + count)
			.mapToObj((n) -> new OrderPlaced(this.saleId + "." + UUID.nameUUIDFromBytes(("order-" + n).getBytes()),
					this.saleId, "user-" + n, quantity, placedAt.plus(Duration.ofMillis(n)), null))
			.toList();
	}

}
