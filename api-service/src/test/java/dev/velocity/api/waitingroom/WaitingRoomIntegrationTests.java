package dev.velocity.api.waitingroom;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sale's waiting room over HTTP on a real Redis: shoppers join, the inlet admits them,
 * and only an admission buys; two instances share one inlet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.waiting-room.tick-interval=50ms",
				"velocity.waiting-room.token-secret=" + WaitingRoomIntegrationTests.SECRET,
				"velocity.rate-limit.address.burst=1000", "velocity.waiting-room.calls-per-second=10",
				"velocity.waiting-room.call-burst=20" })
@UsesRealServers
class WaitingRoomIntegrationTests {

	static final String SECRET = "test-secret-of-at-least-thirty-two-bytes";

	@Autowired
	AdmissionTokens tokens;

	@LocalServerPort
	int port;

	@Test
	void admitsAJoinedShopperWhoThenBuysWithTheAdmissionAndOnlyWithIt(ApiClient api) {
		String saleId = saleWithRoom(api, 10, 50, false);

		ApiClient.Answer joined = api.joinQueue(saleId, "alice");
		assertThat(joined.status()).isEqualTo(200);
		assertThat(joined.text("state")).isIn("WAITING", "ADMITTED");
		assertThat(api.joinQueue(saleId, "alice").status()).isEqualTo(200);
		ApiClient.Answer admitted = awaitAdmission(api, saleId, "alice");
		assertThat(admitted.number("remaining")).isEqualTo(10);

		ApiClient.Answer without = api.buyAdmitted(saleId, "alice", null);
		assertThat(without.status()).isEqualTo(403);
		assertThat(without.type()).endsWith("/admission-required");
		assertThat(without.text("queue")).isEqualTo("/sales/" + saleId + "/queue");
		ApiClient.Answer bought = api.buyAdmitted(saleId, "alice", admitted.text("admission"));
		assertThat(bought.status()).isEqualTo(200);
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(1);
		// The admission is used: it no longer counts as active.
		assertThat(api.getWaitingRoom(saleId).number("active")).isZero();
	}

	@Test
	void refusesAnAdmissionForAnotherShopperOrAnotherSaleOrPastItsEnd(ApiClient api) {
		String saleId = saleWithRoom(api, 10, 50, false);
		String other = saleWithRoom(api, 10, 50, false);
		Instant later = Instant.now().plusSeconds(60);

		assertRefused(api.buyAdmitted(saleId, "bob", this.tokens.issue(other, "bob", later)), "OTHER_SALE");
		assertRefused(api.buyAdmitted(saleId, "bob", this.tokens.issue(saleId, "carol", later)), "OTHER_SHOPPER");
		assertRefused(api.buyAdmitted(saleId, "bob", this.tokens.issue(saleId, "bob", Instant.now().minusSeconds(1))),
				"EXPIRED");
		assertRefused(api.buyAdmitted(saleId, "bob", "not.a.token"), "NOT_SIGNED_HERE");
		assertThat(api.buyAdmitted(saleId, "bob", this.tokens.issue(saleId, "bob", later)).status()).isEqualTo(200);
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(1);
	}

	@Test
	void answersPlacesBeforeTheStartWithoutAPlaceNumberAndTellsAShopperNotInTheQueue(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("prequeue");
		api.putSale(saleId,
				Map.of("name", "Later", "stock", 10, "startsAt", Instant.now().plus(Duration.ofHours(1)).toString()));
		api.putWaitingRoom(saleId, Map.of("admissionsPerSecond", 10, "admissionSeconds", 60));

		ApiClient.Answer waiting = api.joinQueue(saleId, "dave");

		assertThat(waiting.text("state")).isEqualTo("WAITING");
		assertThat(waiting.body().get("ahead").isNull()).isTrue();
		assertThat(waiting.number("waiting")).isEqualTo(1);
		assertThat(waiting.number("pollAfterSeconds")).isPositive();
		assertThat(api.lookQueue(saleId, "erin").text("state")).isEqualTo("NOT_IN_QUEUE");
	}

	@Test
	void answersProblemsForASaleWithoutARoomAMissingSaleAndBadSettings(ApiClient api) {
		String plain = ApiIntegrationTestSupport.uniqueSaleId("plain");
		api.putSale(plain, ApiIntegrationTestSupport.openSale(10, null));

		assertThat(api.joinQueue(plain, "frank").type()).endsWith("/no-waiting-room");
		assertThat(api.getWaitingRoom(plain).status()).isEqualTo(404);
		assertThat(api.putWaitingRoom("no-such-sale", Map.of("admissionsPerSecond", 1, "admissionSeconds", 60)).type())
			.endsWith("/sale-not-found");
		ApiClient.Answer bad = api.putWaitingRoom(plain, Map.of("admissionsPerSecond", 0, "admissionSeconds", 1));
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.type()).endsWith("/invalid-request");
		// A sale without a room sells without an admission.
		assertThat(api.buyAdmitted(plain, "frank", null).status()).isEqualTo(200);
	}

	@Test
	void twoInstancesAdmitAtTheConfiguredRateInTotal(ApiClient api, ClassServers servers) {
		String saleId = saleWithRoom(api, 1_000, 20, true);
		IntStream.range(0, 300).forEach((n) -> api.joinQueue(saleId, "crowd-" + n));
		try (ConfigurableApplicationContext other = ApiIntegrationTestSupport.startInstance(servers,
				"--velocity.waiting-room.tick-interval=50ms", "--velocity.waiting-room.token-secret=" + SECRET)) {
			api.putWaitingRoom(saleId, Map.of("admissionsPerSecond", 20, "admissionSeconds", 600, "paused", false));
			// A window well inside the run: both instances tick all through it.
			await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
			long firstCount = api.getWaitingRoom(saleId).number("admitted");
			long first = System.nanoTime();
			await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
			long lastCount = api.getWaitingRoom(saleId).number("admitted");
			double seconds = (System.nanoTime() - first) / 1e9;

			double rate = (lastCount - firstCount) / seconds;
			assertThat(rate).as("admissions per second, two instances ticking").isBetween(16.0, 24.0);
			assertThat(other.isRunning()).isTrue();
		}
	}

	@Test
	void answersAShopperWhoAsksTooOftenWithRetryAfterAndNoOneElse(ApiClient api) {
		String saleId = saleWithRoom(api, 10, 1, true);
		ApiClient.Answer refused = null;
		for (int call = 0; call < 500 && refused == null; call++) {
			ApiClient.Answer answer = api.lookQueue(saleId, "poller");
			if (answer.status() != 200) {
				refused = answer;
			}
		}

		assertThat(refused).as("a refusal within 500 calls").isNotNull();
		assertThat(refused.status()).isEqualTo(429);
		assertThat(refused.type()).endsWith("/rate-limited");
		assertThat(refused.raw().headers().firstValue("Retry-After")).hasValue("1");
		assertThat(api.joinQueue(saleId, "patient").status()).isEqualTo(200);
	}

	@Test
	@SuppressWarnings("rawtypes")
	void tellsEveryoneWaitingLiveWhenTheSaleSellsOutAndWhenARestockReopensTheQueueInOrder(ApiClient api)
			throws Exception {
		String saleId = saleWithRoom(api, 5, 50, true);
		List.of("ann", "ben", "cat").forEach((shopper) -> api.joinQueue(saleId, shopper));
		List<Map> heard = new CopyOnWriteArrayList<>();
		StompSession session = ApiIntegrationTestSupport.subscribe(this.port, "/topic/queue/" + saleId, Map.class,
				heard);
		try {
			awaitHeard(heard, "PAUSED", 3, 5);
			long ahead = api.lookQueue(saleId, "cat").number("ahead");

			assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(0, null)).status()).isEqualTo(200);
			awaitHeard(heard, "SOLD_OUT", 3, 0);
			assertThat(api.lookQueue(saleId, "ben").text("state")).isEqualTo("SOLD_OUT");
			assertThat(api.joinQueue(saleId, "dan").text("state")).isEqualTo("SOLD_OUT");

			assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null)).status()).isEqualTo(200);
			awaitHeard(heard, "PAUSED", 3, 5);
			assertThat(api.lookQueue(saleId, "cat").number("ahead")).isEqualTo(ahead);

			api.putWaitingRoom(saleId, Map.of("admissionsPerSecond", 50, "admissionSeconds", 60, "paused", false));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> heard.get(heard.size() - 1), (last) -> ((Number) last.get("served")).longValue() == 3
						&& ((Number) last.get("waiting")).longValue() == 0);
			assertThat(api.lookQueue(saleId, "cat").text("state")).isEqualTo("ADMITTED");
		}
		finally {
			session.disconnect();
		}
	}

	@SuppressWarnings("rawtypes")
	private static void awaitHeard(List<Map> heard, String state, long waiting, long remaining) {
		await().atMost(Duration.ofSeconds(5))
			.until(() -> heard.isEmpty() ? Map.of() : heard.get(heard.size() - 1),
					(last) -> state.equals(last.get("state")) && last.get("waiting") instanceof Number w
							&& w.longValue() == waiting && ((Number) last.get("remaining")).longValue() == remaining);
	}

	private static String saleWithRoom(ApiClient api, long stock, double perSecond, boolean paused) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("room");
		assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(stock, null)).status()).isEqualTo(201);
		ApiClient.Answer room = api.putWaitingRoom(saleId,
				Map.of("admissionsPerSecond", perSecond, "admissionSeconds", 60, "paused", paused));
		assertThat(room.status()).as("%s", room.body()).isEqualTo(200);
		return saleId;
	}

	private static ApiClient.Answer awaitAdmission(ApiClient api, String saleId, String shopper) {
		return await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> api.lookQueue(saleId, shopper), (answer) -> "ADMITTED".equals(answer.text("state")));
	}

	private static void assertRefused(ApiClient.Answer answer, String reason) {
		assertThat(answer.status()).as(reason).isEqualTo(403);
		assertThat(answer.type()).as(reason).endsWith("/admission-invalid");
		assertThat(answer.text("reason")).isEqualTo(reason);
	}

}
