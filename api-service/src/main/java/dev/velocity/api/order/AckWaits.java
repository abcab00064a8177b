package dev.velocity.api.order;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;

/**
 * Purchases' waits for the queue's acknowledgement, each ended at {@code ackWait} by one
 * periodic sweep rather than by a timer of its own. Every wait is the same length, so
 * waits end in the order they began: a queue in arrival order is already sorted by
 * deadline, and a sweep looks only at its head. A timer per purchase
 * ({@code completeOnTimeout}) schedules and cancels a task on the JDK's one delayer
 * thread, behind one lock, for every accepted purchase; an A/B found such a timer per
 * purchase slower ({@code loadtest/results/2026-12-03-deadline-timer.md}).
 */
final class AckWaits {

	private final long waitNanos;

	private final LongSupplier nanoClock;

	private final ConcurrentLinkedQueue<Wait> waits = new ConcurrentLinkedQueue<>();

	AckWaits(Duration wait, LongSupplier nanoClock) {
		this.waitNanos = wait.toNanos();
		this.nanoClock = nanoClock;
	}

	/**
	 * A wait for an acknowledgement.
	 * @param acknowledgement completes when the queue has acknowledged (exceptionally
	 * when it has not)
	 * @return completes with whether the queue acknowledged: {@code false} at once on a
	 * failure, and by the first sweep after the wait is over when no answer came
	 */
	CompletableFuture<Boolean> begin(CompletableFuture<?> acknowledgement) {
		CompletableFuture<Boolean> acknowledged = new CompletableFuture<>();
		acknowledgement.whenComplete((ignored, error) -> acknowledged.complete(error == null));
		if (!acknowledged.isDone()) {
			this.waits.add(new Wait(this.nanoClock.getAsLong() + this.waitNanos, acknowledged));
		}
		return acknowledged;
	}

	/**
	 * Ends the waits that are over and forgets the answered ones ahead of them. Called
	 * from one thread at a time.
	 * @return how many waits this ended unanswered
	 */
	int sweep() {
		long now = this.nanoClock.getAsLong();
		int ended = 0;
		Wait head;
		while ((head = this.waits.peek()) != null && (head.acknowledged().isDone() || now - head.deadline() >= 0)) {
			this.waits.poll();
			if (head.acknowledged().complete(false)) {
				ended++;
			}
		}
		return ended;
	}

	/**
	 * Waits not yet swept away (answered or not): for tests, which check what is kept.
	 */
	int size() {
		return this.waits.size();
	}

	private record Wait(long deadline, CompletableFuture<Boolean> acknowledged) {
	}

}
