package dev.velocity.api.reconciliation;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.LocalAws;
import dev.velocity.orders.OrderItems;
import dev.velocity.orders.OrderTableReads;
import dev.velocity.redis.SaleKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis restarted empty mid-sale: the sale never reopens with stock it sold; it is
 * rebuilt from the order store (stock, buyers' limits, idempotency keys) by one admin
 * call or by the reconciler, and the books balance.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.reconciliation.interval=1s", "velocity.reconciliation.drain-timeout=10s",
				"velocity.reconciliation.drift-bound=2s" })
@UsesRealServers(ownRedis = true)
class RecoveryIntegrationTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	StringRedisTemplate redisTemplate;

	@Test
	void reportsDriftAsAGaugeAndCountsDriftThatOutlastsItsBound(ApiClient api, LocalAws.Names names, SqsClient sqs) {
		awaitNoBrokenSales(api, sqs, names);
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("drift");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		// Accepted, but no worker here persists it: one unit sold and not stored.
		assertThat(api.buy(saleId, "frank", 1).status()).isEqualTo(200);
		double before = this.meters.get("velocity.reconciliation.drift.persistent").counter().count();

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			io.micrometer.core.instrument.Gauge drift = this.meters.find("velocity.reconciliation.drift")
				.tag("sale", saleId)
				.gauge();
			assertThat(drift).isNotNull();
			assertThat(drift.value()).isEqualTo(1.0);
			assertThat(this.meters.get("velocity.reconciliation.drift.persistent").counter().count())
				.isGreaterThan(before);
		});
		ApiClient.Answer books = api
			.send(ApiClient.admin(api.request("/admin/reconciliation/" + saleId)).GET().build());
		assertThat(books.text("status")).isEqualTo("IN_TRANSIT");
		assertThat(books.number("drift")).isEqualTo(1);
	}

	@Autowired
	dev.velocity.api.inventory.SaleCatalog catalog;

	@Test
	void rebuildsASaleOfManyOrdersInCallsRedisAnswersInTime() {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("many");
		dev.velocity.api.inventory.SaleDefinition definition = new dev.velocity.api.inventory.SaleDefinition("Many",
				5000L, 2L, null, null);
		this.catalog.save(saleId, definition);
		this.catalog.hold(saleId);
		List<dev.velocity.orders.OrderPlaced> orders = new java.util.ArrayList<>();
		for (int i = 0; i < 2500; i++) {
			orders.add(new dev.velocity.orders.OrderPlaced(saleId + ".o" + i, saleId, "shopper-" + i, 1 + i % 2,
					java.time.Instant.now(), (i % 10 == 0) ? "key-" + i : null));
		}

		dev.velocity.api.inventory.StockLevel stock = this.catalog.restore(saleId, definition, orders);

		assertThat(stock.sold()).isEqualTo(3750);
		assertThat(stock.remaining()).isEqualTo(1250);
		SaleKeys keys = SaleKeys.of(saleId);
		assertThat(this.redisTemplate.opsForHash().size(keys.orders())).isEqualTo(2500);
		assertThat(this.redisTemplate.opsForHash().size(keys.buyers())).isEqualTo(2500);
		assertThat(this.redisTemplate.opsForHash().size(keys.idempotency())).isEqualTo(250);
		assertThat(this.redisTemplate.opsForHash().get(keys.sale(), "closed")).isEqualTo("0");
		assertThat(this.redisTemplate.opsForHash().hasKey(keys.sale(), "rebuilt-sold")).isFalse();
	}

	@Test
	void neverCallsASaleBehindWhileTheWorkerPersistsItsOrdersAsItSells(ApiClient api, ClassServers servers,
			DynamoDbClient dynamo) throws Exception {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("racing");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1000, null));
		String table = servers.names().ordersTable();
		// Eight sellers, each order stored the moment it is sold, as a worker keeping up
		// would: the store grows while the books are read.
		java.util.concurrent.ExecutorService sellers = java.util.concurrent.Executors.newFixedThreadPool(8);
		List<java.util.concurrent.Future<Integer>> sales = new java.util.ArrayList<>();
		for (int i = 0; i < 400; i++) {
			String shopper = "racer-" + i;
			sales.add(sellers.submit(() -> {
				ApiClient.Answer bought = api.buy(saleId, shopper, 1);
				if (bought.status() == 200) {
					ApiIntegrationTestSupport.storeAsTheWorkerWould(dynamo, table,
							List.of(new dev.velocity.orders.OrderPlaced(bought.text("orderId"), saleId, shopper, 1,
									java.time.Instant.now(), null)));
				}
				return bought.status();
			}));
		}
		sellers.shutdown();
		List<String> seen = new java.util.ArrayList<>();
		while (!sellers.isTerminated()) {
			seen.add(api.send(ApiClient.admin(api.request("/admin/reconciliation/" + saleId)).GET().build())
				.text("status"));
		}
		List<Integer> statuses = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<Integer> sale : sales) {
			statuses.add(sale.get());
		}

		assertThat(statuses).containsOnly(200);
		assertThat(seen).hasSizeGreaterThan(20).doesNotContain("BEHIND", "HELD", "LOST_IN_REDIS");
	}

	@Test
	void countsTheStoreAnewEveryPass(ApiClient api, LocalAws.Names names, ClassServers servers, DynamoDbClient dynamo) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("transit");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String first = api.buy(saleId, "heidi", 1).text("orderId");
		String second = api.buy(saleId, "ivan", 1).text("orderId");
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, Collections.singletonMap(first, null));
		awaitDrift(saleId, 1.0);

		// The second order lands: the next passes (one a second) count it.
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, Collections.singletonMap(second, null));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(drift(saleId)).isEqualTo(0.0));
		assertThat(
				api.send(ApiClient.admin(api.request("/admin/reconciliation/" + saleId)).GET().build()).text("status"))
			.isEqualTo("BALANCED");

		// The orders leave the store behind Redis's back, pages and all: counted pages
		// gone, the count starts over.
		for (String orderId : List.of(first, second)) {
			dynamo.deleteItem((delete) -> delete.tableName(names.ordersTable()).key(OrderItems.key(orderId)));
		}
		OrderTableReads.pageKeys(dynamo, names.ordersTable(), saleId)
			.forEach((page) -> dynamo.deleteItem((delete) -> delete.tableName(names.ordersTable()).key(page)));
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(drift(saleId)).isEqualTo(2.0));
	}

	private void awaitDrift(String saleId, double value) {
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(drift(saleId)).isEqualTo(value));
	}

	private Double drift(String saleId) {
		io.micrometer.core.instrument.Gauge drift = this.meters.find("velocity.reconciliation.drift")
			.tag("sale", saleId)
			.gauge();
		return (drift != null) ? drift.value() : null;
	}

	/**
	 * Sales of earlier tests that Redis lost are rebuilt first: a rebuild waits for the
	 * queue to drain, and no worker here empties it; a pass stuck in those waits would
	 * not reach a new sale in time.
	 */
	private static void awaitNoBrokenSales(ApiClient api, SqsClient sqs, LocalAws.Names names) {
		purgeQueue(sqs, names);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(
					() -> assertThat(api.send(ApiClient.admin(api.request("/admin/reconciliation")).GET().build())
						.body()
						.findValuesAsString("status")).doesNotContain("LOST_IN_REDIS", "BEHIND"));
	}

	private static void purgeQueue(SqsClient sqs, LocalAws.Names names) {
		sqs.purgeQueue(
				(purge) -> purge.queueUrl(sqs.getQueueUrl((get) -> get.queueName(names.ordersQueue())).queueUrl()));
	}

	@Test
	void holdsEverySaleRedisIsBehindOnAtOnceAndRebuildsThemOnceTheQueueDrains(ApiClient api, LocalAws.Names names,
			ClassServers servers, SqsClient sqs) {
		awaitNoBrokenSales(api, sqs, names);
		List<String> sales = List.of(ApiIntegrationTestSupport.uniqueSaleId("behind-a"),
				ApiIntegrationTestSupport.uniqueSaleId("behind-b"));
		for (String saleId : sales) {
			api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
			ApiClient.Answer order = api.buy(saleId, "erin", 2);
			assertThat(order.status()).isEqualTo(200);
			ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers,
					Collections.singletonMap(order.text("orderId"), null));
		}
		// The reconciler has counted both sales' stored orders.
		sales.forEach((saleId) -> awaitDrift(saleId, 0.0));
		// A message no worker takes keeps the queue from draining, as when the worker is
		// down; then a failover loses a unit of each sale's writes, in one step.
		sqs.sendMessage((send) -> send.queueUrl(sqs.getQueueUrl((get) -> get.queueName(names.ordersQueue())).queueUrl())
			.messageBody("{\"orders\":[]}"));
		// (One script per sale: on a cluster they may live on different shards.)
		sales.forEach((saleId) -> this.redisTemplate.execute(RedisScript.of("""
				redis.call('HINCRBY', KEYS[1], 'sold', -1)
				redis.call('HINCRBY', KEYS[1], 'remaining', 1)"""), List.of(SaleKeys.of(saleId).sale())));

		// Redis now has each sale with a unit too many: both are held closed at once
		// (shown as not yet open), neither sells while a rebuild waits for the queue.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(sales)
				.allSatisfy((saleId) -> assertThat(api.getSale(saleId).text("state")).isEqualTo("UPCOMING")));
		assertThat(sales)
			.allSatisfy((saleId) -> assertThat(api.buy(saleId, "frida", 1).type()).endsWith("/sale-not-open"));
		purgeQueue(sqs, names);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(sales).allSatisfy((saleId) -> {
			ApiClient.Answer sale = api.getSale(saleId);
			assertThat(sale.text("state")).isEqualTo("OPEN");
			assertThat(sale.number("sold")).isEqualTo(2);
			assertThat(sale.number("remaining")).isEqualTo(8);
		}));
	}

	@Test
	void rebuildsASaleRedisLostFromTheOrderStoreAndNeverSellsAUnitTwice(ApiClient api, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("lost");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, 2L));
		ApiClient.Answer keyed = api.buyAsync(saleId, "alice", 2, "alice-key").join();
		ApiClient.Answer second = api.buy(saleId, "bob", 1);
		Map<String, String> orders = new java.util.LinkedHashMap<>();
		orders.put(keyed.text("orderId"), "alice-key");
		orders.put(second.text("orderId"), null);
		ApiIntegrationTestSupport.persistAsTheWorkerWould(api, servers, orders);

		servers.loseRedisHolding(SaleKeys.of(saleId).sale());

		// Never a sale: until the reconciler has rebuilt it, purchases are refused.
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			ApiClient.Answer attempt = api.buy(saleId, "carol", 1);
			assertThat(attempt.status()).isIn(200, 404, 409, 503);
			assertThat(attempt.status()).isEqualTo(200);
		});
		// The reconciler noticed, held the sale, and rebuilt it: 3 units were sold
		// before.
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(4);
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(6);
		// Alice's limit and idempotency key survived.
		assertThat(api.buy(saleId, "alice", 1).type()).endsWith("/limit-reached");
		assertThat(api.buyAsync(saleId, "alice", 2, "alice-key").join().text("orderId"))
			.isEqualTo(keyed.text("orderId"));
	}

}
