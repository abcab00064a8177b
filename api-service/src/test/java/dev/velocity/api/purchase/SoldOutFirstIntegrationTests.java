package dev.velocity.api.purchase;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sold-out sale's 409 comes before the bearer token's checks (it is the same for every
 * caller), with the same headers as every answer; every other purchase still meets those
 * checks first, and the body read early is the one the purchase goes on with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class SoldOutFirstIntegrationTests {

	private ApiClient api;

	private String soldOut;

	@BeforeEach
	void sellOut(ApiClient api) throws InterruptedException {
		this.api = api;
		this.soldOut = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first");
		api.putSale(this.soldOut, ApiIntegrationTestSupport.openSale(1, null));
		assertThat(api.buy(this.soldOut, "ann", 1).status()).isEqualTo(200);
		// The stock announcement of ann's purchase (every 50 ms) makes every gate forget
		// the sale: let it pass. Then a signed-in attempt that Redis answers "none left"
		// teaches the gate.
		Thread.sleep(500);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(api.buy(this.soldOut, "bob", 1).status()).isEqualTo(409);
			assertThat(api.send(purchase(this.soldOut).build()).status()).isEqualTo(409);
		});
	}

	@Test
	void aSoldOutSaleAnswersEveryoneAlikeBeforeTheirToken() {
		for (HttpRequest.Builder request : new HttpRequest.Builder[] { purchase(this.soldOut),
				purchase(this.soldOut).header("Authorization", "Bearer made.up.token"),
				ApiClient.as("cat", purchase(this.soldOut)) }) {
			ApiClient.Answer answer = this.api.send(request.build());
			assertThat(answer.status()).isEqualTo(409);
			assertThat(answer.type()).isEqualTo("https://velocity.dev/problems/sold-out");
			assertThat(answer.number("remaining")).isZero();
			var headers = answer.raw().headers();
			assertThat(headers.firstValue("Content-Security-Policy"))
				.hasValue("default-src 'none'; frame-ancestors 'none'");
			assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		}
		assertThat(this.api.getSale(this.soldOut).number("sold")).isEqualTo(1);
	}

	@Test
	void everyOtherPurchaseMeetsTheTokensChecksFirst() {
		String open = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first-open");
		this.api.putSale(open, ApiIntegrationTestSupport.openSale(5, null));
		// A sale with stock, and a retry that may be owed its order: the token first.
		assertThat(this.api.send(purchase(open).build()).status()).isEqualTo(401);
		assertThat(this.api.send(purchase(this.soldOut).header("Idempotency-Key", "k-1").build()).status())
			.isEqualTo(401);
		assertThat(this.api.getSale(open).number("sold")).isZero();
	}

	@Test
	void aBodyReadEarlyIsTheOneThePurchaseGoesOnWith() {
		String open = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first-replay");
		this.api.putSale(open, ApiIntegrationTestSupport.openSale(5, null));
		ApiClient.Answer bought = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(ApiClient.body(Map.of("saleId", open, "quantity", 2)))
			.build());
		assertThat(bought.status()).isEqualTo(200);
		assertThat(bought.number("quantity")).isEqualTo(2);
		assertThat(bought.text("userId")).isEqualTo("dan");
		ApiClient.Answer invalid = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(ApiClient.body(Map.of("saleId", open, "quantity", 0)))
			.build());
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body().get("errors").toString()).contains("quantity");
		ApiClient.Answer broken = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":"))
			.build());
		assertThat(broken.status()).isEqualTo(400);
		assertThat(this.api.getSale(open).number("sold")).isEqualTo(2);
	}

	private HttpRequest.Builder purchase(String saleId) {
		return this.api.request("/buy").POST(ApiClient.body(Map.of("saleId", saleId)));
	}

}
