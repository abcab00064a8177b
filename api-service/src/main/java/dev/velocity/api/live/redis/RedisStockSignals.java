package dev.velocity.api.live.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;

import dev.velocity.api.live.StockSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** Stock-change announcements over Redis pub/sub, one channel for all sales. */
class RedisStockSignals implements StockSignals {

	static final String CHANNEL = "velocity:stock-changed";

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer container;

	RedisStockSignals(StringRedisTemplate redis, RedisMessageListenerContainer container) {
		this.redis = redis;
		this.container = container;
	}

	@Override
	public void announce(Collection<String> saleIds) {
		byte[] channel = CHANNEL.getBytes(StandardCharsets.UTF_8);
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			saleIds.forEach((saleId) -> connection.publish(channel, saleId.getBytes(StandardCharsets.UTF_8)));
			return null;
		});
	}

	@Override
	public void onAnnouncement(Consumer<String> listener) {
		this.container.addMessageListener(
				(message, pattern) -> listener.accept(new String(message.getBody(), StandardCharsets.UTF_8)),
				new ChannelTopic(CHANNEL));
	}

	@Configuration(proxyBeanMethods = false)
	static class Beans {

		@Bean
		RedisMessageListenerContainer stockSignalsContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			// Once subscribed, keep trying while Redis is away.
			container.setRecoveryInterval(1_000);
			// A first subscription that fails (Redis away, or a cold JVM under load
			// missing the connect timeout) would fail the whole start: Subscribing does
			// it, and retries.
			container.setAutoStartup(false);
			return container;
		}

		@Bean
		Subscribing stockSignalsSubscribing(RedisMessageListenerContainer stockSignalsContainer) {
			return new Subscribing(stockSignalsContainer, Duration.ofSeconds(1));
		}

		@Bean
		RedisStockSignals redisStockSignals(StringRedisTemplate redis, RedisMessageListenerContainer container) {
			return new RedisStockSignals(redis, container);
		}

	}

	/**
	 * Subscribes before the instance reports ready (an application runner), trying again
	 * every {@code retry} until it succeeds: an instance that would not hear other
	 * instances' restocks must not take traffic, and one that cannot subscribe yet (Redis
	 * away, or slow to answer a cold JVM) must not fail its start either.
	 */
	static final class Subscribing implements ApplicationRunner {

		private static final Logger log = LoggerFactory.getLogger(Subscribing.class);

		private final RedisMessageListenerContainer container;

		private final Duration retry;

		Subscribing(RedisMessageListenerContainer container, Duration retry) {
			this.container = container;
			this.retry = retry;
		}

		@Override
		public void run(ApplicationArguments args) throws InterruptedException {
			for (int attempt = 1;; attempt++) {
				try {
					this.container.start();
					if (attempt > 1) {
						log.info("Subscribed to live stock signals after {} attempts", attempt);
					}
					return;
				}
				catch (RuntimeException ex) {
					// Reset, so that the next start() tries again.
					this.container.stop();
					log.warn("Not subscribed to live stock signals yet (attempt {}): {}; not ready until it is",
							attempt, ex.toString());
					Thread.sleep(this.retry.toMillis());
				}
			}
		}

	}

}
