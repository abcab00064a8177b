package dev.velocity.api.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
		return script(VelocityScripts.PURCHASE);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleUpsertScript() {
		return script(VelocityScripts.SALE_UPSERT);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleRebuildScript() {
		return script(VelocityScripts.SALE_REBUILD);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleDeleteScript() {
		return script(VelocityScripts.SALE_DELETE);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleArchiveScript() {
		return script(VelocityScripts.SALE_ARCHIVE);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> saleHoldScript() {
		return script(VelocityScripts.SALE_HOLD);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> outboxClaimScript() {
		return script(VelocityScripts.OUTBOX_CLAIM);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> roomJoinScript() {
		return script(VelocityScripts.ROOM_JOIN);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> roomAdmitScript() {
		return script(VelocityScripts.ROOM_ADMIT);
	}

	@Bean
	@SuppressWarnings("rawtypes")
	RedisScript<List> roomLeaveScript() {
		return script(VelocityScripts.ROOM_LEAVE);
	}

	/**
	 * The script's text, read once: given a {@code Resource}, Spring Data Redis checks
	 * its last-modified time on every call, a jar lookup on every purchase.
	 */
	@SuppressWarnings("rawtypes")
	private static RedisScript<List> script(String path) {
		try {
			return RedisScript.of(new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8), List.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + path, ex);
		}
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
