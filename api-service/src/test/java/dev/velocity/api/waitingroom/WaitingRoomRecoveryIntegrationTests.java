package dev.velocity.api.waitingroom;

import java.time.Duration;
import java.util.Map;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.RedisServer;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis restarted empty under a sale with a waiting room: the rebuilt sale reopens behind
 * its waiting room (restored from its durable record before the sale reopens), never
 * without it; the queue starts again empty and shoppers join again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.reconciliation.interval=1s", "velocity.reconciliation.drain-timeout=10s",
				"velocity.waiting-room.tick-interval=50ms" })
@UsesRealServers(ownRedis = true)
class WaitingRoomRecoveryIntegrationTests {

	@Test
	void aSaleRedisLostReopensBehindItsWaitingRoomWithAnEmptyQueue(ApiClient api, RedisServer redis) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("room-lost");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		api.putWaitingRoom(saleId, Map.of("admissionsPerSecond", 5, "admissionSeconds", 60, "paused", true));
		assertThat(api.joinQueue(saleId, "alice").text("state")).isEqualTo("WAITING");

		redis.command("FLUSHALL");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(api.getSale(saleId).text("state")).isEqualTo("OPEN"));
		ApiClient.Answer room = api.getWaitingRoom(saleId);
		assertThat(room.status()).isEqualTo(200);
		assertThat(room.number("waiting")).isZero();
		assertThat(room.body().get("settings").get("paused").asBoolean()).isTrue();
		ApiClient.Answer refused = api.buyAdmitted(saleId, "bob", null);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.type()).endsWith("/admission-required");
		assertThat(api.lookQueue(saleId, "alice").text("state")).isEqualTo("NOT_IN_QUEUE");
		assertThat(api.joinQueue(saleId, "alice").text("state")).isEqualTo("WAITING");
	}

}
