package dev.velocity.api.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.api.live.StockSnapshot;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API on a real Redis Cluster (3 masters, 3 replicas; configured by
 * {@code spring.data.redis.cluster.nodes} alone): sales spread over every master, each
 * sells exactly its stock under concurrent storms, and the paths that touch many sales at
 * once (the listings' pipeline, the outbox's acknowledgements, the live stock's pub/sub,
 * the books, an archive) work across shards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers(redisCluster = true)
class RedisClusterIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void salesOnEveryShardEachSellExactlyTheirStock(ApiClient api, ClassServers servers) throws Exception {
		String prefix = ApiIntegrationTestSupport.uniqueSaleId("shard");
		List<String> saleIds = new ArrayList<>();
		Set<Integer> masters = new HashSet<>();
		for (int i = 0; i < 100; i++) {
			String saleId = prefix + "-" + i;
			saleIds.add(saleId);
			assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(20, 1L)).status()).isEqualTo(201);
			masters.add(servers.redisCluster().masterOf("sale:{" + saleId + "}").port());
		}
		assertThat(masters).as("the masters the 100 sales landed on").hasSize(3);
		List<StockSnapshot> heard = new CopyOnWriteArrayList<>();
		StompSession page = ApiIntegrationTestSupport.subscribe(this.port, "/topic/stock/" + saleIds.get(0),
				StockSnapshot.class, heard);

		// Storms on six sales at once, 60 shoppers each for 20 units.
		List<String> stormed = saleIds.subList(0, 6);
		Map<String, List<CompletableFuture<ApiClient.Answer>>> answers = new LinkedHashMap<>();
		for (String saleId : stormed) {
			List<CompletableFuture<ApiClient.Answer>> sale = new ArrayList<>();
			for (int shopper = 0; shopper < 60; shopper++) {
				sale.add(api.buyAsync(saleId, saleId + "-shopper-" + shopper, 1, null));
			}
			answers.put(saleId, sale);
		}
		Map<String, Map<String, String>> accepted = new LinkedHashMap<>();
		answers.forEach((saleId, sale) -> {
			List<ApiClient.Answer> done = sale.stream().map(CompletableFuture::join).toList();
			assertThat(done).filteredOn((answer) -> answer.status() != 200)
				.allSatisfy((answer) -> assertThat(answer.type()).endsWith("/sold-out"));
			Map<String, String> orders = new LinkedHashMap<>();
			done.stream()
				.filter((answer) -> answer.status() == 200)
				.forEach((answer) -> orders.put(answer.text("orderId"), null));
			assertThat(orders).as("orders of %s", saleId).hasSize(20);
			accepted.put(saleId, orders);
		});

		ApiClient.Answer listed = api.send(ApiClient.admin(api.request("/admin/sales?limit=500")).GET().build());
		List<String> ids = new ArrayList<>();
		listed.body().forEach((sale) -> ids.add(sale.path("saleId").asString()));
		assertThat(ids).as("one pipelined read across the shards").containsAll(saleIds);
		await().atMost(Duration.ofSeconds(15))
			.until(() -> stormed.stream().allMatch((saleId) -> api.getSale(saleId).number("pendingHandOff") == 0));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !heard.isEmpty() && heard.get(heard.size() - 1).remaining() == 0);
		page.disconnect();

		String archived = stormed.get(1);
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, accepted.get(archived));
		assertThat(api.send(ApiClient.admin(api.request("/admin/reconciliation/" + archived)).GET().build())
			.text("status")).isEqualTo("BALANCED");
		api.adminPost("/admin/sales/" + archived + "/close");
		ApiClient.Answer archive = api.adminPost("/admin/sales/" + archived + "/archive");
		assertThat(archive.status()).isEqualTo(200);
		assertThat(archive.number("sold")).isEqualTo(20);
		assertThat(api.buy(archived, "late", 1).type()).endsWith("/sale-not-open");
	}

}
