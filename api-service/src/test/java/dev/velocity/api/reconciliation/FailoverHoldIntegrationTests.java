package dev.velocity.api.reconciliation;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sale whose Redis master changed is held in Redis, where every instance sees the hold,
 * and whichever rebuild reopens it ends the hold: with automatic rebuilds off, one admin
 * call does, and later passes leave the sale open. The failover is reported by a stand-in
 * for {@link ShardFailovers} (a real one, on a real cluster, is in
 * {@code RedisClusterFailoverIntegrationTests} and fault scenario 10); the hold, the
 * books and the rebuild run on the real servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.reconciliation.interval=500ms", "velocity.reconciliation.drain-timeout=10s",
				"velocity.reconciliation.auto-rebuild=false" })
@UsesRealServers
@ExtendWith(OutputCaptureExtension.class)
class FailoverHoldIntegrationTests {

	/**
	 * Sales the next pass is told moved, once each, as {@code RedisShardFailovers} does.
	 */
	static final Set<String> failedOver = ConcurrentHashMap.newKeySet();

	@Test
	void aFailedOverSaleStaysHeldUntilAnAdminRebuildsItAndThenStaysOpen(ApiClient api, ClassServers servers,
			CapturedOutput output) throws InterruptedException {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("failover-hold");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
		ApiClient.Answer bought = api.buy(saleId, "fay", 2);
		assertThat(bought.status()).isEqualTo(200);
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers,
				Collections.singletonMap(bought.text("orderId"), null));

		failedOver.add(saleId);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(status(api, saleId)).isEqualTo("HELD"));
		assertThat(api.buy(saleId, "gus", 1).type()).endsWith("/sale-not-open");
		// Held through four more passes, and asked for an admin's rebuild once, not in
		// every pass.
		Thread.sleep(2000);
		assertThat(status(api, saleId)).isEqualTo("HELD");
		assertThat(output.getAll()
			.lines()
			.filter((line) -> line.contains("Sale " + saleId + " is ") && line.contains("held closed: rebuild it")))
			.hasSize(1);

		ApiClient.Answer rebuilt = api.send(ApiClient.admin(api.request("/admin/sales/" + saleId + "/rebuild"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(rebuilt.status()).isEqualTo(200);
		assertThat(rebuilt.number("sold")).isEqualTo(2);

		// Six passes later the sale is still open.
		Thread.sleep(3000);
		assertThat(status(api, saleId)).isEqualTo("BALANCED");
		assertThat(api.buy(saleId, "gus", 1).status()).isEqualTo(200);
	}

	private static String status(ApiClient api, String saleId) {
		return api.send(ApiClient.admin(api.request("/admin/reconciliation/" + saleId)).GET().build()).text("status");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ReportedFailovers {

		@Bean
		@Primary
		ShardFailovers reportedFailovers() {
			return (Collection<String> saleIds) -> {
				Set<String> moved = new TreeSet<>();
				for (String saleId : saleIds) {
					if (failedOver.remove(saleId)) {
						moved.add(saleId);
					}
				}
				return moved;
			};
		}

	}

}
