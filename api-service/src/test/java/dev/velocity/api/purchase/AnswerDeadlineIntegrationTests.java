package dev.velocity.api.purchase;

import java.time.Duration;
import java.util.Map;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.RedisServer;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A purchase not decided by {@code velocity.http.answer-deadline} is answered as one
 * whose outcome is unknown, with the order id it has if it goes through, and goes on
 * regardless; it is counted once, by the outcome it comes to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.http.answer-deadline=200ms", "spring.data.redis.timeout=10s" })
@UsesRealServers(ownRedis = true)
class AnswerDeadlineIntegrationTests {

	@Autowired
	MeterRegistry meters;

	@Test
	void aPurchaseNotDecidedByItsDeadlineIsAnsweredWithTheOrderItWouldBe(ApiClient api, RedisServer redis) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("deadline");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String key = "deadline-" + System.nanoTime();
		Map<String, Object> purchase = Map.of("saleId", saleId, "userId", "slow", "quantity", 1);
		double accepted = purchases("accepted");
		double unknown = purchases("unknown");

		// Past the deadline, which Tomcat checks about once a second, and within Redis's
		// timeout (10 s here): only the deadline can end the wait, and the script runs
		// after it.
		assertThat(redis.command("CLIENT PAUSE 3000 WRITE")).isEqualTo("+OK");
		ApiClient.Answer late = api.send(api.buyRequest(purchase, key));

		LateAnswers.assertToldTheOrderAndARetryGetsIt(api, purchase, key, late);
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(9);
		// Answered "unknown", then accepted: one purchase, counted once.
		await().atMost(Duration.ofSeconds(10)).until(() -> purchases("accepted") == accepted + 1);
		assertThat(purchases("unknown")).isEqualTo(unknown);
	}

	private double purchases(String outcome) {
		Counter counter = this.meters.find("velocity.purchases").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
