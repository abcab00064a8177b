package dev.velocity.api.purchase;

import java.time.Duration;
import java.util.Map;

import dev.velocity.testsupport.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a shopper whose purchase was not decided in time is told, and then gets. */
final class LateAnswers {

	private LateAnswers() {
	}

	/**
	 * Checks a late purchase's answer (503 {@code unavailable}, {@code Retry-After}, the
	 * id its order has if it went through), then that a retry with the same key is
	 * answered with that order once the purchase has gone on.
	 * @param api the client
	 * @param purchase the purchase's body
	 * @param key its {@code Idempotency-Key}
	 * @param late its answer
	 * @return the order's id
	 */
	static String assertToldTheOrderAndARetryGetsIt(ApiClient api, Map<String, Object> purchase, String key,
			ApiClient.Answer late) {
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
		return orderId;
	}

}
