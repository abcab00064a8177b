package dev.velocity.worker.order;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** What becomes of each message of a receive: the rules, on a store in memory. */
class OrderIntakeTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final InMemoryStore store = new InMemoryStore();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OrderIntake intake = new OrderIntake(this.store, json, this.meters);

	@Test
	void storesEveryOrderOfEveryMessageAndDeletesTheMessages() {
		List<Disposition> done = this.intake
			.handle(List.of(message("m1", true, 1, order("a"), order("b")), message("m2", true, 1, order("c"))))
			.join();

		assertThat(done).containsExactly(Disposition.DONE, Disposition.DONE);
		assertThat(this.store.stored).containsOnlyKeys("s.a", "s.b", "s.c");
		assertThat(this.meters.get("velocity.worker.written").counter().count()).isEqualTo(3);
	}

	@Test
	void sendsAMessageThatHoldsNoValidOrderToTheDeadLettersAndStillStoresTheOthers() {
		List<Disposition> done = this.intake
			.handle(List.of(new ReceivedMessage("bad", "{not json", 0, 1, true), message("good", true, 1, order("a"))))
			.join();

		assertThat(done).containsExactly(Disposition.POISON, Disposition.DONE);
		assertThat(this.store.stored).containsOnlyKeys("s.a");
		assertThat(this.meters.get("velocity.worker.poison").counter().count()).isEqualTo(1);
	}

	@Test
	void leavesEveryMessageForARetryWhenTheStoreFails() {
		this.store.failing = true;

		List<Disposition> done = this.intake
			.handle(List.of(message("m1", true, 1, order("a")), new ReceivedMessage("bad", "[]", 0, 1, true)))
			.join();

		assertThat(done).containsExactly(Disposition.RETRY, Disposition.POISON);
		assertThat(this.meters.get("velocity.worker.failed").counter().count()).isEqualTo(1);
	}

	@Test
	void looksUpAnOrderThatARedeliveredMessageAlsoCarries() {
		// The same order as a first send on its first delivery and in a redelivery: the
		// redelivery may have stored it already, so it is not written unread.
		this.intake
			.handle(List.of(message("first", true, 1, order("a"), order("b")), message("again", false, 2, order("a"))))
			.join();

		assertThat(this.store.unseen).containsExactly("s.b");
	}

	@Test
	void countsAnOrderAlreadyStoredAsADuplicateNotAWrite() {
		this.intake.handle(List.of(message("m1", true, 1, order("a")))).join();

		this.intake.handle(List.of(message("m1", false, 2, order("a")))).join();

		assertThat(this.meters.get("velocity.worker.written").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("velocity.worker.duplicates").counter().count()).isEqualTo(1);
		assertThat(this.store.stored).hasSize(1);
	}

	private static OrderPlaced order(String id) {
		return new OrderPlaced("s." + id, "s", "shopper-" + id, 1, Instant.parse("2026-12-02T10:00:00Z"), null);
	}

	private static ReceivedMessage message(String id, boolean firstSends, int receiveCount, OrderPlaced... orders) {
		return new ReceivedMessage(id, json.writeValueAsString(new OrderBatch(List.of(orders))), 0, receiveCount,
				firstSends);
	}

	/**
	 * Stores by order id, never overwriting; remembers what it was told it need not read.
	 */
	private static final class InMemoryStore implements OrderStore {

		final Map<String, OrderPlaced> stored = new LinkedHashMap<>();

		Set<String> unseen = Set.of();

		boolean failing;

		@Override
		public CompletableFuture<List<Saved>> saveAll(List<OrderPlaced> orders, Set<String> unseen) {
			this.unseen = Set.copyOf(unseen);
			if (this.failing) {
				return CompletableFuture.failedFuture(new IllegalStateException("the store is away"));
			}
			List<Saved> saved = new ArrayList<>();
			for (OrderPlaced order : orders) {
				saved.add((this.stored.putIfAbsent(order.orderId(), order) == null) ? Saved.CREATED
						: Saved.ALREADY_PRESENT);
			}
			return CompletableFuture.completedFuture(saved);
		}

	}

}
