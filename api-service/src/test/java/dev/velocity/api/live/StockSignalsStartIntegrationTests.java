package dev.velocity.api.live;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance that cannot subscribe to the live stock signals when it starts (here Redis
 * does not answer for its first seconds: a cold JVM under a storm missed the connect
 * timeout the same way) still starts, keeps trying, and reports ready only once
 * subscribed; then it hears another instance's stock changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers(ownRedis = true)
class StockSignalsStartIntegrationTests {

	static CompletableFuture<Void> redisBack;

	@Autowired
	RedisMessageListenerContainer stockSignalsContainer;

	@Autowired
	StockSignals signals;

	@BeforeAll
	static void redisDoesNotAnswerAtFirst(ClassServers servers) {
		servers.redis().suspend();
		redisBack = CompletableFuture.runAsync(servers.redis()::resume,
				CompletableFuture.delayedExecutor(4, TimeUnit.SECONDS));
	}

	@AfterAll
	static void redisAnswers() {
		redisBack.join();
	}

	@Test
	void startsWhileRedisDoesNotAnswerAndIsSubscribedBeforeItIsReady(ApiClient api) {
		// The context is up only after the runners, readiness included.
		assertThat(redisBack).isDone();
		assertThat(this.stockSignalsContainer.isListening()).isTrue();
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("heard");
		java.util.List<String> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.signals.onAnnouncement(heard::add);

		this.signals.announce(java.util.List.of(saleId));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).contains(saleId));
	}

}
