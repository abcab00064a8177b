package dev.velocity.api.order;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A purchase's wait for the queue ends with its answer, or unanswered at ack-wait. */
class AckWaitsTests {

	private static final long SECOND = Duration.ofSeconds(1).toNanos();

	private final AtomicLong now = new AtomicLong(-5 * SECOND);

	private final AckWaits waits = new AckWaits(Duration.ofSeconds(2), this.now::get);

	@Test
	void answersAtOnceWhenTheQueueAcknowledgesOrFails() {
		CompletableFuture<Void> first = new CompletableFuture<>();
		CompletableFuture<Void> second = new CompletableFuture<>();
		CompletableFuture<Boolean> acknowledged = this.waits.begin(first);
		CompletableFuture<Boolean> failed = this.waits.begin(second);
		assertThat(acknowledged).isNotDone();

		first.complete(null);
		second.completeExceptionally(new SendFailed(new IllegalStateException("queue away")));

		assertThat(acknowledged).isCompletedWithValue(true);
		assertThat(failed).isCompletedWithValue(false);
	}

	@Test
	void endsAWaitUnansweredOnlyOnceItIsOver() {
		CompletableFuture<Boolean> acknowledged = this.waits.begin(new CompletableFuture<>());

		this.now.addAndGet(2 * SECOND - 1);
		assertThat(this.waits.sweep()).isZero();
		assertThat(acknowledged).isNotDone();

		this.now.incrementAndGet();
		assertThat(this.waits.sweep()).isEqualTo(1);
		assertThat(acknowledged).isCompletedWithValue(false);
	}

	@Test
	void aLateAcknowledgementChangesNothing() {
		CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
		CompletableFuture<Boolean> acknowledged = this.waits.begin(acknowledgement);
		this.now.addAndGet(3 * SECOND);
		this.waits.sweep();

		acknowledgement.complete(null);

		assertThat(acknowledged).isCompletedWithValue(false);
	}

	@Test
	void endsOnlyTheWaitsThatAreOver() {
		CompletableFuture<Boolean> older = this.waits.begin(new CompletableFuture<>());
		this.now.addAndGet(SECOND);
		CompletableFuture<Boolean> newer = this.waits.begin(new CompletableFuture<>());

		this.now.addAndGet(SECOND + SECOND / 2);

		assertThat(this.waits.sweep()).isEqualTo(1);
		assertThat(older).isCompletedWithValue(false);
		assertThat(newer).isNotDone();
	}

	@Test
	void forgetsAnsweredWaitsSoTheyHoldNoMemory() {
		for (int i = 0; i < 1000; i++) {
			CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
			this.waits.begin(acknowledgement);
			acknowledgement.complete(null);
		}
		CompletableFuture<Boolean> unanswered = this.waits.begin(new CompletableFuture<>());
		// Already acknowledged: nothing to keep.
		this.waits.begin(CompletableFuture.completedFuture(null));

		assertThat(this.waits.sweep()).isZero();

		assertThat(this.waits.size()).isEqualTo(1);
		assertThat(unanswered).isNotDone();
	}

}
