package dev.velocity.api.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sale archived on real servers: Redis lets go of every key of it but a small
 * tombstone, and the order store answers for it (its orders, its figures, its shoppers'
 * retries); archiving waits for an end and for balanced books; drafts never reach Redis;
 * listings are pages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class SaleArchiveIntegrationTests {

	private static final RedisScript<Long> MEMORY_USAGE = RedisScript
		.of("return redis.call('MEMORY', 'USAGE', KEYS[1])", Long.class);

	@Autowired
	StringRedisTemplate redis;

	@Test
	void anArchivedSaleLeavesRedisAndTheOrderStoreAnswersForIt(ApiClient api, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("archive");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(20, 2L));
		Map<String, String> orders = new LinkedHashMap<>();
		for (int i = 0; i < 6; i++) {
			String key = (i % 2 == 0) ? "key-" + i : null;
			ApiClient.Answer bought = api.buyAsync(saleId, "shopper-" + i, 1, key).join();
			assertThat(bought.status()).isEqualTo(200);
			orders.put(bought.text("orderId"), key);
		}
		String keyedOrder = orders.keySet().iterator().next();

		ApiClient.Answer notEnded = api.adminPost("/admin/sales/" + saleId + "/archive");
		assertThat(notEnded.status()).isEqualTo(409);
		assertThat(notEnded.type()).endsWith("/sale-not-archivable");
		assertThat(notEnded.text("reason")).isEqualTo("NOT_ENDED");
		api.adminPost("/admin/sales/" + saleId + "/close");
		ApiClient.Answer inTransit = api.adminPost("/admin/sales/" + saleId + "/archive");
		assertThat(inTransit.status()).as("nothing is stored yet: the worker has not run").isEqualTo(409);
		assertThat(inTransit.text("reason")).isEqualTo("IN_TRANSIT");
		assertThat(keysOf(saleId)).as("Redis keeps it while its orders are on their way").hasSizeGreaterThan(1);

		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, orders);
		ApiClient.Answer archived = api.adminPost("/admin/sales/" + saleId + "/archive");

		assertThat(archived.status()).isEqualTo(200);
		assertThat(archived.text("state")).isEqualTo("ARCHIVED");
		assertThat(archived.number("sold")).isEqualTo(6);
		assertThat(archived.number("confirmed")).isEqualTo(6);
		String tombstone = "sale:{" + saleId + "}";
		assertThat(keysOf(saleId)).as("every key of the sale is gone but its tombstone and rate-limit buckets")
			.allSatisfy((key) -> assertThat(key.equals(tombstone) || key.contains(":rate:")).isTrue())
			.allSatisfy((key) -> assertThat(this.redis.getExpire(key, TimeUnit.MILLISECONDS))
				.as("%s expires (-1: never)", key)
				.isNotEqualTo(-1L));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(keysOf(saleId)).as("the buckets expire once full again")
				.containsExactly(tombstone));
		assertThat(this.redis.execute(MEMORY_USAGE, List.of(tombstone))).as("bytes the tombstone holds")
			.isLessThan(200);
		assertThat(this.redis.getExpire(tombstone)).isPositive();

		assertThat(api.getOrderAs("shopper-0", keyedOrder).text("status")).isEqualTo("CONFIRMED");
		ApiClient.Answer retried = api.buyAsync(saleId, "shopper-0", 1, "key-0").join();
		assertThat(retried.status()).as("a late retry gets its order, from the order store").isEqualTo(200);
		assertThat(retried.text("orderId")).isEqualTo(keyedOrder);
		assertThat(api.buyAsync(saleId, "shopper-0", 2, "key-0").join().type()).endsWith("/idempotency-key-reused");
		long keysBefore = this.redis.execute(
				(org.springframework.data.redis.core.RedisCallback<Long>) (connection) -> connection.serverCommands()
					.dbSize());
		ApiClient.Answer late = api.buyAsync(saleId, "latecomer", 1, null).join();
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.type()).endsWith("/sale-not-open");
		assertThat(late.text("reason")).isEqualTo("ARCHIVED");
		assertThat(this.redis.execute(
				(org.springframework.data.redis.core.RedisCallback<Long>) (connection) -> connection.serverCommands()
					.dbSize()))
			.as("a late purchase does not grow Redis")
			.isEqualTo(keysBefore);
		// A late one with a key is looked up in the order store once the rate limits let
		// it
		// through: it leaves only their buckets, which expire.
		assertThat(api.buyAsync(saleId, "latecomer", 1, "new-key").join().text("reason")).isEqualTo("ARCHIVED");
		assertThat(keysOf(saleId)).contains(tombstone)
			.allSatisfy((key) -> assertThat(key.equals(tombstone) || key.contains(":rate:")).isTrue())
			.allSatisfy((key) -> assertThat(this.redis.getExpire(key, TimeUnit.MILLISECONDS))
				.as("%s expires (-1: never)", key)
				.isNotEqualTo(-1L));

		ApiClient.Answer figures = api.getSale(saleId);
		assertThat(figures.text("state")).isEqualTo("ARCHIVED");
		assertThat(figures.number("sold")).isEqualTo(6);
		assertThat(figures.number("remaining")).isEqualTo(14);
		assertThat(ids(api.adminGet("/admin/sales?state=ARCHIVED&limit=500"))).contains(saleId);
		assertThat(ids(api.adminGet("/admin/sales?state=ENDED&limit=500"))).doesNotContain(saleId);
		assertThat(ids(api.adminGet("/admin/reconciliation"))).as("the reconciler watches live sales only")
			.doesNotContain(saleId);
		assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(50, null)).type()).endsWith("/sale-archived");
		assertThat(delete(api, saleId).type()).endsWith("/sale-archived");
		assertThat(api.adminPost("/admin/sales/" + saleId + "/archive").status())
			.as("archiving again answers it as it is")
			.isEqualTo(200);
	}

	@Test
	void endedSalesAreArchivedByThemselvesOnceTheirOrdersAreStored(ApiClient api, ClassServers servers) {
		try (ConfigurableApplicationContext archiver = ApiIntegrationTestSupport.startInstance(servers,
				"--velocity.lifecycle.archive-after=0s", "--velocity.lifecycle.interval=200ms")) {
			String saleId = ApiIntegrationTestSupport.uniqueSaleId("auto-archive");
			api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
			ApiClient.Answer bought = api.buy(saleId, "walt", 2);
			Map<String, String> orders = new LinkedHashMap<>();
			orders.put(bought.text("orderId"), null);
			api.adminPost("/admin/sales/" + saleId + "/close");

			// The worker is paused: the order is on the queue, not in the store. Two
			// seconds (ten passes) ENDED; archived is for good, so a slow machine's
			// longer bound cannot hide an early archive.
			await().during(Duration.ofSeconds(2))
				.atMost(Duration.ofSeconds(10))
				.until(() -> "ENDED".equals(api.getSale(saleId).text("state")));

			ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, orders);
			await().atMost(Duration.ofSeconds(10)).until(() -> "ARCHIVED".equals(api.getSale(saleId).text("state")));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(keysOf(saleId)).containsExactly("sale:{" + saleId + "}"));
			assertThat(api.getOrderAs("walt", bought.text("orderId")).text("status")).isEqualTo("CONFIRMED");
		}
	}

	@Test
	void aDraftNeverReachesRedisUntilItIsScheduled(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("draft");
		Map<String, Object> definition = Map.of("name", "Draft", "stock", 10);

		ApiClient.Answer draft = putDraft(api, saleId, definition);

		assertThat(draft.status()).isEqualTo(201);
		assertThat(draft.text("state")).isEqualTo("DRAFT");
		assertThat(keysOf(saleId)).isEmpty();
		assertThat(api.getSale(saleId).text("state")).isEqualTo("DRAFT");
		assertThat(api.send(api.request("/sales/" + saleId).GET().build()).status()).as("shoppers do not see it")
			.isEqualTo(404);
		assertThat(api.buy(saleId, "xavier", 1).type()).endsWith("/sale-not-found");
		assertThat(ids(api.adminGet("/admin/sales?state=DRAFT&limit=500"))).contains(saleId);
		assertThat(api.adminPost("/admin/sales/" + saleId + "/archive").text("reason")).isEqualTo("DRAFT");

		ApiClient.Answer scheduled = api.putSale(saleId, definition);
		assertThat(scheduled.status()).isEqualTo(200);
		assertThat(scheduled.text("state")).isEqualTo("OPEN");
		assertThat(putDraft(api, saleId, definition).type()).as("open: close it first").endsWith("/sale-not-deletable");
		assertThat(api.buy(saleId, "xavier", 1).status()).isEqualTo(200);
		api.adminPost("/admin/sales/" + saleId + "/close");
		ApiClient.Answer sold = putDraft(api, saleId, definition);
		assertThat(sold.type()).as("it sold: its books are kept").endsWith("/sale-not-deletable");
		assertThat(sold.text("reason")).isEqualTo("HAS_SALES");

		String unsold = ApiIntegrationTestSupport.uniqueSaleId("draft-again");
		api.putSale(unsold,
				Map.of("name", "Later", "stock", 3, "startsAt", Instant.now().plusSeconds(3600).toString()));
		assertThat(putDraft(api, unsold, definition).text("state")).isEqualTo("DRAFT");
		assertThat(keysOf(unsold)).as("back to a draft, out of Redis").isEmpty();
		assertThat(delete(api, unsold).status()).isEqualTo(204);
		assertThat(api.getSale(unsold).status()).isEqualTo(404);
	}

	@Test
	void listingsArePagesInOrderOfSaleIdWhateverTheStage(ApiClient api, ClassServers servers) {
		String prefix = ApiIntegrationTestSupport.uniqueSaleId("page");
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String saleId = prefix + "-" + i;
			mine.add(saleId);
			if (i % 3 == 0) {
				putDraft(api, saleId, Map.of("name", "Draft", "stock", 1));
			}
			else {
				api.putSale(saleId, ApiIntegrationTestSupport.openSale(3, null));
			}
		}
		api.adminPost("/admin/sales/" + mine.get(1) + "/close");
		assertThat(api.adminPost("/admin/sales/" + mine.get(1) + "/archive").text("state"))
			.as("nothing sold: its books balance")
			.isEqualTo("ARCHIVED");

		List<String> seen = new ArrayList<>();
		String next = "/admin/sales?limit=2";
		int pages = 0;
		while (next != null) {
			ApiClient.Answer page = api.adminGet(next);
			List<String> ids = ids(page);
			assertThat(ids).hasSizeLessThanOrEqualTo(2);
			seen.addAll(ids);
			next = page.raw()
				.headers()
				.firstValue("Link")
				.map((link) -> link.substring(link.indexOf('<') + 1, link.indexOf('>')))
				.orElse(null);
			pages++;
		}
		assertThat(pages).isGreaterThanOrEqualTo(4);
		assertThat(seen).as("each sale once, in order").isSorted().doesNotHaveDuplicates().containsAll(mine);

		List<String> shop = ids(api.send(api.request("/sales?limit=500").GET().build()));
		assertThat(shop).contains(mine.get(2), mine.get(4)).doesNotContain(mine.get(0), mine.get(1), mine.get(3));
		ApiClient.Answer tooMany = api.send(api.request("/sales?limit=100000").GET().build());
		assertThat(tooMany.status()).isEqualTo(400);
	}

	private List<String> keysOf(String saleId) {
		List<String> keys = new ArrayList<>();
		try (Cursor<String> cursor = this.redis.scan(ScanOptions.scanOptions().match("*{" + saleId + "}*").build())) {
			cursor.forEachRemaining(keys::add);
		}
		return keys;
	}

	private static ApiClient.Answer putDraft(ApiClient api, String saleId, Map<String, ?> definition) {
		return api.send(ApiClient.admin(api.request("/admin/sales/" + saleId + "?draft=true"))
			.PUT(ApiClient.body(definition))
			.build());
	}

	private static ApiClient.Answer delete(ApiClient api, String saleId) {
		return api.send(ApiClient.admin(api.request("/admin/sales/" + saleId)).DELETE().build());
	}

	private static List<String> ids(ApiClient.Answer list) {
		assertThat(list.status()).isEqualTo(200);
		List<String> ids = new ArrayList<>();
		list.body().forEach((sale) -> ids.add(sale.path("saleId").asString()));
		return ids;
	}

}
