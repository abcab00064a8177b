package dev.velocity.api.live.redis;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.function.Consumer;

import dev.velocity.api.live.StockSignals;

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
			// Keep trying while Redis is away; the API must start and recover without it.
			container.setRecoveryInterval(1_000);
			return container;
		}

		@Bean
		RedisStockSignals redisStockSignals(StringRedisTemplate redis, RedisMessageListenerContainer container) {
			return new RedisStockSignals(redis, container);
		}

	}

}
