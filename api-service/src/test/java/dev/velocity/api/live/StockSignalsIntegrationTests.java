package dev.velocity.api.live;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Stock signals over a Redis of this class's own. An instance that cannot subscribe to
 * the live stock signals when it starts (here Redis does not answer for its first
 * seconds: a cold JVM under a storm missed the connect timeout the same way) still
 * starts, keeps trying, and reports ready only once subscribed; then it hears another
 * instance's stock changes. Announcing uses the connection the instance has: it is made
 * twenty times a second in a storm.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers(ownRedis = true)
class StockSignalsIntegrationTests {

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
		List<String> heard = new CopyOnWriteArrayList<>();
		this.signals.onAnnouncement(heard::add);

		this.signals.announce(List.of(saleId));

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).contains(saleId));
	}

	@Test
	void announcesWithoutOpeningAConnectionEachTime(ClassServers servers) {
		List<String> saleIds = List.of(ApiIntegrationTestSupport.uniqueSaleId("one"),
				ApiIntegrationTestSupport.uniqueSaleId("two"), ApiIntegrationTestSupport.uniqueSaleId("three"));
		List<String> heard = new CopyOnWriteArrayList<>();
		this.signals.onAnnouncement(heard::add);
		this.signals.announce(List.of(ApiIntegrationTestSupport.uniqueSaleId("first")));
		long before = servers.redis().info("stats", "total_connections_received");

		for (int i = 0; i < 20; i++) {
			this.signals.announce(saleIds);
		}

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(heard.stream().filter(saleIds::contains)).hasSize(60));
		// Since then Redis took the probe's own connection and, at most, a pooled one or
		// two more should another pipeline (the reconciler's) have run at the same time;
		// without the pool it would be one per announcement.
		assertThat(servers.redis().info("stats", "total_connections_received")).isBetween(before + 1, before + 3);
	}

}
