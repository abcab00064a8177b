package dev.velocity.api.purchase;

import java.util.concurrent.Executor;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executor that writes purchases' answers refuses work once it is closed, as the API
 * stops; a purchase completing then is still answered with its outcome, not left to the
 * answer deadline's "unknown", and an archived sale's retry still gets its order from the
 * order store, not a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "velocity.http.answer-deadline=20s")
@UsesRealServers
class RefusedContinuationsIntegrationTests {

	@TestBean(name = "purchaseThreads", methodName = "closed")
	Executor continuations;

	static Executor closed() {
		return (task) -> {
			throw new TaskRejectedException("closed, as at shutdown");
		};
	}

	@Test
	void aPurchaseIsAnsweredWithItsOutcomeWhenTheAnsweringExecutorRefusesWork(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("refused");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null));

		ApiClient.Answer bought = api.buy(saleId, "last-shopper", 1);
		ApiClient.Answer soldOut = api.buy(saleId, "one-too-many", 1);

		assertThat(bought.status()).isEqualTo(200);
		assertThat(bought.text("orderId")).isNotBlank();
		assertThat(soldOut.status()).isEqualTo(409);
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(1);
	}

	@Test
	void anArchivedSalesRetryIsReplayedFromTheOrderStoreWhenTheExecutorRefusesWork(ApiClient api,
			ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("refused-archive");
		String orderId = ApiIntegrationTestSupport.archivedSaleWithKeyedOrder(api, servers, saleId, "keeper", "keep-1");

		ApiClient.Answer retried = api.buyAsync(saleId, "keeper", 1, "keep-1").join();

		assertThat(retried.status()).isEqualTo(200);
		assertThat(retried.text("orderId")).isEqualTo(orderId);
	}

}
