package dev.velocity.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.velocity.localservers.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the script tests share: a real redis-server of the class's own, a plain Lettuce
 * connection to it, the scripts' text and Redis's clock.
 */
abstract class ScriptTestSupport {

	static final long HOUR = 3_600_000L;

	private static RedisServer server;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> connection;

	static RedisCommands<String, String> redis;

	@BeforeAll
	static void startRedis() {
		server = RedisServer.startEphemeral();
		client = RedisClient.create(server.url());
		connection = client.connect();
		redis = connection.sync();
	}

	@AfterAll
	static void stopRedis() {
		connection.close();
		client.shutdown();
		server.stop();
	}

	/** Loads a script, returning its SHA for EVALSHA. */
	static String load(String path) {
		try (InputStream in = ScriptTestSupport.class.getClassLoader().getResourceAsStream(path)) {
			return redis.scriptLoad(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Redis's clock, as the scripts read it (epoch ms). */
	static long redisNow() {
		List<String> time = redis.time();
		return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
	}

}
