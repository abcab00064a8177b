package dev.velocity.api.waitingroom.web;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One shopper's calls to the queue, counted without Redis. */
class QueueCallLimitTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final QueueCallLimit limit = new QueueCallLimit(2, 5, 1_000, this.nanos::get);

	@Test
	void letsABurstThroughThenOneCallPerRefillAndSaysWhenToComeBack() {
		for (int i = 0; i < 5; i++) {
			assertThat(this.limit.take("alice")).as("call %d", i + 1).isZero();
		}
		assertThat(this.limit.take("alice")).isEqualTo(1);

		later(499);
		assertThat(this.limit.take("alice")).isEqualTo(1);
		later(2);
		assertThat(this.limit.take("alice")).isZero();
		assertThat(this.limit.take("alice")).isEqualTo(1);
	}

	@Test
	void countsEachShopperApart() {
		for (int i = 0; i < 5; i++) {
			this.limit.take("alice");
		}
		assertThat(this.limit.take("alice")).isPositive();
		assertThat(this.limit.take("bob")).isZero();
	}

	@Test
	void refillsNoFurtherThanTheBurst() {
		this.limit.take("alice");
		later(60_000);
		for (int i = 0; i < 5; i++) {
			assertThat(this.limit.take("alice")).isZero();
		}
		assertThat(this.limit.take("alice")).isPositive();
	}

	@Test
	void forgetsTheLeastRecentShopperPastItsBound() {
		QueueCallLimit small = new QueueCallLimit(0.01, 1, 2, this.nanos::get);
		small.take("alice");
		assertThat(small.take("alice")).as("alice's bucket is empty").isPositive();
		for (int i = 0; i < 1_000; i++) {
			small.take("stranger-" + i);
		}
		assertThat(small.tracked()).isLessThanOrEqualTo(2);
	}

	private void later(long millis) {
		this.nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
	}

}
