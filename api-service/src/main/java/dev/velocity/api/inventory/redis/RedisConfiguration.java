package dev.velocity.api.inventory.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.velocity.redis.VelocityScripts;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts, each loaded once (Spring Data Redis runs them with EVALSHA and falls
 * back to EVAL on NOSCRIPT), and a Lettuce client that fails fast: while Redis is away
 * commands are rejected at once (the API answers 503) instead of queueing up, and
 * reconnects are retried within a second.
 */
@Configuration(proxyBeanMethods = false)
class RedisConfiguration {

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> purchaseScript() {
		return RedisScript.of(new ClassPathResource(VelocityScripts.PURCHASE), List.class);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleUpsertScript() {
		return RedisScript.of(new ClassPathResource(VelocityScripts.SALE_UPSERT), List.class);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleRebuildScript() {
		return RedisScript.of(new ClassPathResource(VelocityScripts.SALE_REBUILD), List.class);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> outboxClaimScript() {
		return RedisScript.of(new ClassPathResource(VelocityScripts.OUTBOX_CLAIM), List.class);
	}

	@Bean
	LettuceClientOptionsBuilderCustomizer failFastClientOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.autoReconnect(true);
	}

	@Bean
	ClientResourcesBuilderCustomizer quickReconnect() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
	}

}
