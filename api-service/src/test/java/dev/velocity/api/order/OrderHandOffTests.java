package dev.velocity.api.order;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When the hand-off stops taking purchases, counted in failed sends, not in orders; and
 * how long a purchase waits for the queue.
 */
class OrderHandOffTests {

	private static final int UNAVAILABLE_AFTER = 5;

	/** What the next send does: succeed ({@code null}) or fail with this. */
	private final AtomicReference<Throwable> nextSend = new AtomicReference<>();

	private final OrderHandOff handOff = new OrderHandOff(
			(order, firstSend) -> (this.nextSend.get() == null) ? CompletableFuture.completedFuture(null)
					: CompletableFuture.failedFuture(this.nextSend.get()),
			new NoOutbox(), new HandOffProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1),
					500, Duration.ofMillis(50), Duration.ofSeconds(2), UNAVAILABLE_AFTER),
			new SimpleMeterRegistry());

	@Test
	void refusesPurchasesAfterSoManyFailedSendsInARow() {
		for (int i = 0; i < UNAVAILABLE_AFTER - 1; i++) {
			failOneSend(new IllegalStateException("queue away " + i), 1);
		}
		assertThatNoException().isThrownBy(this.handOff::ensureAvailable);

		failOneSend(new IllegalStateException("queue away again"), 1);

		assertThatThrownBy(this.handOff::ensureAvailable).isInstanceOf(HandOffUnavailable.class)
			.hasMessageContaining("5 sends in a row");
	}

	@Test
	void countsOneFailedSendOnceHoweverManyOrdersItCarried() {
		// A group commit's orders all fail with the send's one failure.
		failOneSend(new IllegalStateException("one send of 100 orders"), 100);

		assertThatNoException().isThrownBy(this.handOff::ensureAvailable);
	}

	@Test
	void takesPurchasesAgainOnceASendSucceeds() {
		for (int i = 0; i < UNAVAILABLE_AFTER; i++) {
			failOneSend(new IllegalStateException("queue away " + i), 1);
		}
		assertThatThrownBy(this.handOff::ensureAvailable).isInstanceOf(HandOffUnavailable.class);

		this.nextSend.set(null);
		assertThat(this.handOff.resend(order(0))).isCompleted();

		assertThatNoException().isThrownBy(this.handOff::ensureAvailable);
	}

	@Test
	void aPurchaseStopsWaitingForAQueueThatDoesNotAnswerAtAckWait() throws InterruptedException {
		OrderHandOff silentQueue = new OrderHandOff((order, firstSend) -> new CompletableFuture<>(), new NoOutbox(),
				new HandOffProperties(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1), 500,
						Duration.ofMillis(50), Duration.ofMillis(500), UNAVAILABLE_AFTER),
				new SimpleMeterRegistry());
		CompletableFuture<Boolean> acknowledged = silentQueue.sendWithin(order(0));
		silentQueue.endOverdueWaits();
		assertThat(acknowledged).as("within ack-wait").isNotDone();

		Thread.sleep(600);
		silentQueue.endOverdueWaits();

		assertThat(acknowledged).isCompletedWithValue(false);
	}

	private void failOneSend(Throwable failure, int orders) {
		this.nextSend.set(failure);
		for (int i = 0; i < orders; i++) {
			assertThat(this.handOff.resend(order(i))).isCompletedExceptionally();
		}
	}

	private static OrderPlaced order(int i) {
		return new OrderPlaced("s.o" + i, "s", "shopper-" + i, 1, Instant.now(), null);
	}

	/** The outbox plays no part in counting failures. */
	private static final class NoOutbox implements Outbox {

		@Override
		public List<OrderPlaced> claimDue(String saleId, Duration lease, int max) {
			return List.of();
		}

		@Override
		public void acknowledge(Collection<OrderPlaced> orders) {
		}

		@Override
		public List<OrderPlaced> pending(String saleId) {
			return List.of();
		}

		@Override
		public Set<String> saleIds() {
			return Set.of();
		}

		@Override
		public long depth(String saleId) {
			return 0;
		}

	}

}
