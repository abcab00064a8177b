package dev.velocity.api.purchase;

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
 * A purchase not decided by {@code velocity.http.answer-deadline} is answered as one
 * whose outcome is unknown, with the order id it has if it goes through, and goes on
 * regardless.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "velocity.http.answer-deadline=200ms")
@UsesRealServers(ownRedis = true)
class AnswerDeadlineIntegrationTests {

	@Test
	void aPurchaseNotDecidedByItsDeadlineIsAnsweredWithTheOrderItWouldBe(ApiClient api, RedisServer redis) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("deadline");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String key = "deadline-" + System.nanoTime();
		Map<String, Object> purchase = Map.of("saleId", saleId, "userId", "slow", "quantity", 1);

		// Past the 200 ms deadline, within Redis's 500 ms timeout: only the deadline can
		// end the wait, and the script runs after it.
		assertThat(redis.command("CLIENT PAUSE 400 WRITE")).isEqualTo("+OK");
		ApiClient.Answer late = api.send(api.buyRequest(purchase, key));

		assertThat(late.status()).isEqualTo(503);
		assertThat(late.type()).endsWith("/unavailable");
		assertThat(late.raw().headers().firstValue("Retry-After")).isPresent();
		String orderId = late.text("orderId");
		assertThat(orderId).isNotBlank();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			ApiClient.Answer retry = api.send(api.buyRequest(purchase, key));
			assertThat(retry.status()).isEqualTo(200);
			assertThat(retry.text("orderId")).isEqualTo(orderId);
		});
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(9);
	}

}
