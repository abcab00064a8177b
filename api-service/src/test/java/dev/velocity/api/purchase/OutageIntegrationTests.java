package dev.velocity.api.purchase;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.RedisServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API against a Redis of its own, which the tests take away and bring back: it fails
 * closed (503) and recovers by itself, and no accepted order is lost. (A queue outage:
 * {@code OutboxIntegrationTests}.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("quick-hand-off")
@UsesRealServers(ownRedis = true)
class OutageIntegrationTests {

	@LocalServerPort
	int port;

	@org.springframework.beans.factory.annotation.Value("${local.management.port}")
	int managementPort;

	@Autowired
	MeterRegistry meters;

	@Test
	void answersUnavailableWhileRedisIsDownAndRecoversWhenItReturns(ApiClient api, RedisServer redis) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("redis-down");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		assertThat(api.buy(saleId, "before", 1).status()).isEqualTo(200);

		double unavailableBefore = purchases("unavailable");
		redis.stop();
		try {
			ApiClient.Answer answer = api.buy(saleId, "during", 1);
			assertThat(answer.status()).isEqualTo(503);
			assertThat(answer.type()).endsWith("/unavailable");
			assertThat(purchases("unavailable")).isEqualTo(unavailableBefore + 1);
			assertThat(answer.raw().headers().firstValue("Retry-After")).isPresent();
			ApiClient management = new ApiClient(this.managementPort);
			assertThat(management.send(management.request("/actuator/health/readiness").GET().build()).status())
				.isEqualTo(503);
		}
		finally {
			redis.start();
		}

		// It recovers by itself: a new sale sells at once. (The old one came back empty
		// from this
		// memory-only Redis: it never sells again before a rebuild, see
		// RecoveryIntegrationTests.)
		String fresh = ApiIntegrationTestSupport.uniqueSaleId("redis-back");
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(api.putSale(fresh, ApiIntegrationTestSupport.openSale(10, null)).status())
				.isEqualTo(201));
		assertThat(api.buy(fresh, "after", 1).status()).isEqualTo(200);
		assertThat(api.buy(saleId, "after", 1).status()).isNotEqualTo(200);
	}

	@Test
	void tellsTheOrderIdWhenRedisAnswersTooLateAndARetryWithTheKeyGetsThatOrder(ApiClient api, RedisServer redis) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("redis-late");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String key = "late-" + System.nanoTime();

		// Scripts wait out the pause, longer than the API's 500 ms timeout, and then run.
		assertThat(redis.command("CLIENT PAUSE 1500 WRITE")).isEqualTo("+OK");
		Map<String, Object> purchase = Map.of("saleId", saleId, "userId", "late", "quantity", 1);
		ApiClient.Answer late = api.send(api.buyRequest(purchase, key));

		// The purchase did go through once Redis went on: the retry is answered with it.
		String orderId = LateAnswers.assertToldTheOrderAndARetryGetsIt(api, purchase, key, late);
		assertThat(api.getOrder(orderId).status()).isEqualTo(200);
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(9);
	}

	@Test
	void aShopperWhoHangsUpWhileRedisIsSlowStillHasTheOrderAndTheNextOneIsServed(ApiClient api, RedisServer redis)
			throws IOException {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("hang-up");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		double accepted = purchases("accepted");
		String body = "{\"saleId\":\"" + saleId + "\",\"quantity\":1}";

		// Shorter than the API's 500 ms timeout: the script runs, after the shopper left.
		assertThat(redis.command("CLIENT PAUSE 300 WRITE")).isEqualTo("+OK");
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(("POST /buy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Authorization: Bearer " + ApiClient.shopperToken("hang-up") + "\r\nContent-Length: "
					+ body.length() + "\r\n\r\n" + body)
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}

		// Taken and handed off as for a shopper who waited for the answer.
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(api.getSale(saleId).number("remaining")).isEqualTo(9);
			assertThat(purchases("accepted")).isEqualTo(accepted + 1);
		});
		assertThat(api.buy(saleId, "next", 1).status()).isEqualTo(200);
	}

	/** Purchases counted with this outcome so far. */
	private double purchases(String outcome) {
		Counter counter = this.meters.find("velocity.purchases").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
