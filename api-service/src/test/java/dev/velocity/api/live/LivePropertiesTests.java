package dev.velocity.api.live;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often the stock broadcaster may read the sales' index must be positive: with no
 * wait at all, subscriptions to made-up sales would cost an index read on every
 * broadcast.
 */
class LivePropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class)
		.withPropertyValues("velocity.live.announce-interval=50ms", "velocity.live.broadcast-interval=100ms",
				"velocity.live.allowed-origins=", "velocity.live.max-subscriptions-per-connection=16",
				"velocity.live.connect-timeout=5s", "velocity.live.heartbeat=10s", "velocity.live.max-frame-size=8KB",
				"velocity.live.known-sales-refresh=1s", "velocity.live.max-waiting-subscriptions=1024");

	@Test
	void bindsTheDefaults() {
		this.context
			.run((started) -> assertThat(started).hasNotFailed().getBean(LiveProperties.class).satisfies((live) -> {
				assertThat(live.knownSalesRefresh()).hasSeconds(1);
				assertThat(live.maxWaitingSubscriptions()).isEqualTo(1024);
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0s", "-1s" })
	void refusesToStartWithAnIndexRefreshThatIsNotPositive(String refresh) {
		this.context.withPropertyValues("velocity.live.known-sales-refresh=" + refresh)
			.run((started) -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be longer than or equal to 1 milli")
				.hasMessageContaining("origin \"velocity.live.known-sales-refresh\""));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LiveProperties.class)
	static class Properties {

	}

}
