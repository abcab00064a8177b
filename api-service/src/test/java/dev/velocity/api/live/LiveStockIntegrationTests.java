package dev.velocity.api.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live stock over STOMP with a real STOMP client, across two API instances on one Redis:
 * a subscriber on instance B sees what purchases on instance A did.
 */
@UsesRealServers
class LiveStockIntegrationTests {

	private static ConfigurableApplicationContext instanceA;

	private static ConfigurableApplicationContext instanceB;

	@BeforeAll
	static void startTwoInstances(ClassServers servers) {
		instanceA = ApiIntegrationTestSupport.startInstance(servers);
		instanceB = ApiIntegrationTestSupport.startInstance(servers);
	}

	@AfterAll
	static void stopInstances() {
		instanceA.close();
		instanceB.close();
	}

	@Test
	void subscriberOnOneInstanceSeesPurchasesOnAnotherDecreaseToTheFinalZero() throws Exception {
		ApiClient buyer = new ApiClient(ApiIntegrationTestSupport.port(instanceA));
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("live");
		buyer.putSale(saleId, ApiIntegrationTestSupport.openSale(300, null));
		List<StockSnapshot> seen = new CopyOnWriteArrayList<>();
		StompSession session = ApiIntegrationTestSupport.subscribeToStock(ApiIntegrationTestSupport.port(instanceB),
				saleId, seen);
		try {
			// A new subscriber gets the current stock at once.
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(seen)
					.anySatisfy((snapshot) -> assertThat(snapshot.remaining()).isEqualTo(300)));

			List<CompletableFuture<ApiClient.Answer>> purchases = new ArrayList<>();
			for (int i = 0; i < 400; i++) {
				purchases.add(buyer.buyAsync(saleId, "live-user-" + i, 1, null));
			}
			purchases.forEach(CompletableFuture::join);
			long lastPurchaseAt = System.nanoTime();

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(seen.get(seen.size() - 1).remaining()).isZero());
			long finalSeenAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPurchaseAt);
			assertThat(finalSeenAfterMillis).as("final stock delivered promptly").isLessThan(1_000);

			List<Long> remaining = seen.stream().map(StockSnapshot::remaining).toList();
			assertThat(remaining).isSortedAccordingTo((a, b) -> Long.compare(b, a));
			assertThat(seen).allSatisfy((snapshot) -> {
				assertThat(snapshot.saleId()).isEqualTo(saleId);
				assertThat(snapshot.remaining() + snapshot.sold()).isEqualTo(300);
			});
			// Coalesced: far fewer snapshots than purchases.
			assertThat(seen).hasSizeLessThan(300);

			// A restock on A reaches B's subscriber too.
			buyer.putSale(saleId, ApiIntegrationTestSupport.openSale(350, null));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(seen.get(seen.size() - 1).remaining()).isEqualTo(50));
		}
		finally {
			session.disconnect();
		}
	}

	@Test
	void answersSoldOutWithoutRedisAfterASellOutAndLetsARestockOnAnotherInstanceThroughAtOnce() {
		ApiClient a = new ApiClient(ApiIntegrationTestSupport.port(instanceA));
		ApiClient b = new ApiClient(ApiIntegrationTestSupport.port(instanceB));
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("gate");
		a.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null));
		assertThat(a.buy(saleId, "first", 1).status()).isEqualTo(200);
		assertThat(b.buy(saleId, "second", 1).type()).endsWith("/sold-out");

		// B now knows the sale is sold out: further attempts do not reach Redis.
		io.micrometer.core.instrument.Timer reserve = instanceB
			.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.get("velocity.purchase.reserve")
			.timer();
		// (Once the last purchase's own stock announcement has passed: it forgets,
		// safely, once.)
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			long before = reserve.count();
			for (int i = 0; i < 20; i++) {
				assertThat(b.buy(saleId, "gated-" + System.nanoTime(), 1).type()).endsWith("/sold-out");
			}
			assertThat(reserve.count()).isEqualTo(before);
		});

		// A restock on A reaches B's gate before the next attempt there.
		a.putSale(saleId, ApiIntegrationTestSupport.openSale(2, null));
		await().atMost(Duration.ofMillis(500))
			.pollInterval(Duration.ofMillis(20))
			.untilAsserted(
					() -> assertThat(b.buy(saleId, "after-restock-" + System.nanoTime(), 1).status()).isEqualTo(200));
	}

}
