package dev.velocity.api.reconciliation;

import java.time.Duration;

import dev.velocity.testsupport.ClassServers;
import dev.velocity.redis.SaleKeys;
import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With automatic rebuilds off, a sale Redis lost stays closed (the reconciler holds it)
 * until one admin call rebuilds it; writing it afresh is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.reconciliation.interval=1s", "velocity.reconciliation.drain-timeout=10s",
				"velocity.reconciliation.auto-rebuild=false" })
@UsesRealServers(ownRedis = true)
class ManualRecoveryIntegrationTests {

	@Test
	void holdsALostSaleClosedUntilOneAdminCallRebuildsIt(ApiClient api, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("manual");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
		ApiClient.Answer bought = api.buy(saleId, "dave", 5);
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers,
				java.util.Collections.singletonMap(bought.text("orderId"), null));

		servers.loseRedisHolding(SaleKeys.of(saleId).sale());

		// Writing the sale afresh would sell its 5 units again: refused, and the sale is
		// held (a 503 while the API reconnects to the restarted Redis; a PUT is safe to
		// repeat).
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			ApiClient.Answer put = api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
			assertThat(put.status()).isEqualTo(409);
			assertThat(put.type()).endsWith("/sale-needs-rebuild");
		});
		assertThat(api.buy(saleId, "erin", 1).status()).isEqualTo(409);

		ApiClient.Answer rebuilt = api.send(ApiClient.admin(api.request("/admin/sales/" + saleId + "/rebuild"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(rebuilt.status()).isEqualTo(200);
		assertThat(rebuilt.number("sold")).isEqualTo(5);
		assertThat(rebuilt.number("remaining")).isZero();
		assertThat(rebuilt.number("oversold")).isZero();
		assertThat(api.buy(saleId, "erin", 1).type()).endsWith("/sold-out");
		ApiClient.Answer books = api
			.send(ApiClient.admin(api.request("/admin/reconciliation/" + saleId)).GET().build());
		assertThat(books.text("status")).isEqualTo("BALANCED");
		assertThat(books.number("drift")).isZero();
		assertThat(books.number("persistedUnits")).isEqualTo(5);
	}

}
