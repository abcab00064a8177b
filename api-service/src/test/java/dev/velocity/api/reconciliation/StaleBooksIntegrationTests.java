package dev.velocity.api.reconciliation;

import java.util.Collections;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.redis.SaleKeys;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pass goes by books it read a moment before it acts: a rebuild that reopened the sale
 * in between must stand, and books read after it still hold a sale that is broken again.
 * The pass is driven by hand (no scheduled passes here) so that the rebuild lands exactly
 * between the read and the hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.reconciliation.interval=1h", "velocity.reconciliation.drain-timeout=10s",
				"velocity.reconciliation.auto-rebuild=false" })
@UsesRealServers
class StaleBooksIntegrationTests {

	@Autowired
	Reconciler reconciler;

	@Autowired
	SaleRecovery recovery;

	@Autowired
	SaleCatalog catalog;

	@Autowired
	StringRedisTemplate redis;

	@Test
	void booksReadBeforeARebuildDoNotCloseTheSaleItReopened(ApiClient api, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("stale-books");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
		ApiClient.Answer bought = api.buy(saleId, "ida", 2);
		assertThat(bought.status()).isEqualTo(200);
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers,
				Collections.singletonMap(bought.text("orderId"), null));
		this.redis.delete(SaleKeys.of(saleId).sale());
		SaleBooks stale = this.reconciler.books(saleId).orElseThrow();
		assertThat(stale.status()).isEqualTo(SaleBooks.Status.LOST_IN_REDIS);

		this.recovery.rebuild(saleId);
		this.reconciler.holdAndRebuild(stale);

		Sale sale = this.catalog.find(saleId).orElseThrow();
		assertThat(sale.closed()).as("held by books read before the rebuild").isFalse();
		assertThat(sale.rebuiltAt()).isNotNull();
		assertThat(api.buy(saleId, "jon", 1).status()).isEqualTo(200);

		SaleBooks fresh = this.reconciler.books(saleId).orElseThrow();
		assertThat(fresh.rebuiltAt()).isEqualTo(sale.rebuiltAt());
		this.reconciler.holdAndRebuild(fresh);
		assertThat(this.catalog.find(saleId).orElseThrow().closed()).as("held by books read after it").isTrue();
		assertThat(api.buy(saleId, "kim", 1).type()).endsWith("/sale-not-open");
	}

}
