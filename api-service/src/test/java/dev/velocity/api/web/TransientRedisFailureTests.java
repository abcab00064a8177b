package dev.velocity.api.web;

import java.net.SocketException;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which Redis failures are a shard away for a moment, logged as one line. */
class TransientRedisFailureTests {

	private static RedisSystemException wrapping(Throwable cause) {
		return new RedisSystemException("Error in execution", cause);
	}

	@Test
	void aFailoverOrALostLinkIsTransient() {
		assertThat(ApiExceptionHandler
			.isTransient(wrapping(new RedisCommandExecutionException("CLUSTERDOWN The cluster is down")))).isTrue();
		assertThat(ApiExceptionHandler.isTransient(
				wrapping(new RedisCommandExecutionException("LOADING Redis is loading the dataset in memory"))))
			.isTrue();
		assertThat(ApiExceptionHandler.isTransient(
				wrapping(new RedisCommandExecutionException("READONLY You can't write against a read only replica."))))
			.isTrue();
		assertThat(
				ApiExceptionHandler.isTransient(wrapping(new RedisException(new SocketException("Connection reset")))))
			.isTrue();
		assertThat(ApiExceptionHandler.isTransient(wrapping(new RedisConnectionException("Unable to connect"))))
			.isTrue();
		assertThat(ApiExceptionHandler
			.isTransient(wrapping(new RedisException("Currently not connected. Commands are rejected.")))).isTrue();
		assertThat(ApiExceptionHandler.isTransient(wrapping(new RedisException("Connection disconnected")))).isTrue();
	}

	@Test
	void aCommandTheServerRejectsIsNot() {
		assertThat(ApiExceptionHandler.isTransient(wrapping(new RedisCommandExecutionException(
				"ERR user_script:12: Script attempted to access a non local key in a cluster node"))))
			.isFalse();
		assertThat(ApiExceptionHandler
			.isTransient(wrapping(new RedisCommandExecutionException("WRONGTYPE Operation against a key")))).isFalse();
		assertThat(ApiExceptionHandler.isTransient(wrapping(new IllegalStateException("bug")))).isFalse();
		assertThat(ApiExceptionHandler.isTransient(wrapping(new RedisException("Cannot decode reply")))).isFalse();
	}

}
