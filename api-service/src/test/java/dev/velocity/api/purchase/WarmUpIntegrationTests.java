package dev.velocity.api.purchase;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warm-up runs its whole duration before readiness passes, over every hot path it
 * names, and writes nothing to Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.warm-up.duration=3s", "velocity.warm-up.concurrency=4" })
@UsesRealServers
class WarmUpIntegrationTests {

	/** What the warm-up had done when readiness turned to accepting traffic. */
	static final AtomicReference<WarmUp.Result> atReadiness = new AtomicReference<>();

	@Autowired
	StringRedisTemplate redis;

	@Test
	void runsTheHotPathsForItsWholeDurationBeforeReadinessPassesAndWritesNothing() {
		WarmUp.Result done = atReadiness.get();
		assertThat(done).as("readiness passed after the warm-up ended").isNotNull();
		assertThat(done.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
		assertThat(done.purchaseCalls()).isGreaterThan(4);
		assertThat(done.refusedTokens()).isPositive();
		assertThat(done.saleReads()).isPositive();
		assertThat(this.redis.keys("*" + WarmUp.NO_SALE + "*")).isEmpty();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Readiness {

		@Bean
		ApplicationListener<AvailabilityChangeEvent<ReadinessState>> recordWarmUpAtReadiness(
				ObjectProvider<WarmUp> warmUp) {
			return (event) -> {
				if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
					WarmUp.Result result = warmUp.getObject().result();
					atReadiness.set(result.took().isZero() ? null : result);
				}
			};
		}

	}

}
