package dev.velocity.api.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.RedisCluster;
import dev.velocity.localservers.RedisServer;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master of a real Redis Cluster killed (-9) mid-storm: the failed shard's sale answers
 * 503 until its replica is promoted, then sells again (EVALSHA meets NOSCRIPT on the
 * promoted replica, whose script cache was never filled, and falls back to EVAL); on the
 * other shards every unit sold is one 200 and every refusal took nothing.
 *
 * <p>
 * Open (#19): the other shards' sales are refused too, 503 {@code unavailable} before
 * anything is taken, for a moment during the failover (about one answer in ten over the
 * test, 2026-12-03); the issue asks for none. The counts are printed (FAILOVER lines).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers(redisCluster = true)
class RedisClusterFailoverIntegrationTests {

	@Test
	void aMasterKilledMidStormStopsItsShardUntilItsReplicaIsPromotedAndTakesNothingWithoutA200(ApiClient api,
			ClassServers servers) throws Exception {
		RedisCluster cluster = servers.redisCluster();
		String prefix = ApiIntegrationTestSupport.uniqueSaleId("failover");
		// One sale per master.
		Map<Integer, String> saleByMaster = new java.util.LinkedHashMap<>();
		for (int i = 0; saleByMaster.size() < 3; i++) {
			String saleId = prefix + "-" + i;
			saleByMaster.putIfAbsent(cluster.masterOf("sale:{" + saleId + "}").port(), saleId);
		}
		for (String saleId : saleByMaster.values()) {
			api.putSale(saleId, ApiIntegrationTestSupport.openSale(1_000_000, null));
		}
		String failed = saleByMaster.values().iterator().next();
		RedisServer dying = cluster.masterOf("sale:{" + failed + "}");

		Map<String, Map<Integer, AtomicLong>> statuses = new ConcurrentHashMap<>();
		Map<String, Long> firstRefusal = new ConcurrentHashMap<>();
		Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
		Map<String, Long> recovered = new ConcurrentHashMap<>();
		AtomicLong killedAt = new AtomicLong();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> shoppers = new ArrayList<>();
		for (String saleId : saleByMaster.values()) {
			for (int t = 0; t < 3; t++) {
				int thread = t;
				shoppers.add(Thread.ofPlatform().start(() -> {
					long n = 0;
					while (!stop.get()) {
						ApiClient.Answer answer = api.buy(saleId, saleId + "-" + thread + "-" + (n++ % 500), 1);
						statuses.computeIfAbsent(saleId, (id) -> new ConcurrentHashMap<>())
							.computeIfAbsent(answer.status(), (status) -> new AtomicLong())
							.incrementAndGet();
						if (answer.status() == 503) {
							refusals
								.computeIfAbsent(saleId + " " + answer.text("type") + " " + answer.text("detail"),
										(key) -> new AtomicLong())
								.incrementAndGet();
							firstRefusal.putIfAbsent(saleId, System.nanoTime());
						}
						else if (answer.status() == 200 && firstRefusal.containsKey(saleId)) {
							recovered.putIfAbsent(saleId, System.nanoTime());
						}
					}
				}));
			}
		}
		Thread.sleep(2_000);
		Map<String, Long> before = snapshot(statuses);
		killedAt.set(System.nanoTime());
		dying.kill();
		long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
		while (!recovered.containsKey(failed) && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Thread.sleep(2_000);
		stop.set(true);
		for (Thread shopper : shoppers) {
			shopper.join();
		}

		assertThat(recovered).as("the failed shard's sale sells again once its replica is promoted")
			.containsKey(failed);
		double outage = (recovered.get(failed) - firstRefusal.get(failed)) / 1e9;
		System.out.printf(
				"FAILOVER seconds of 503 on the failed shard: %.1f; answers by sale: %s; before the kill: %s; 503s: %s%n",
				outage, statuses, before, refusals);
		for (String saleId : saleByMaster.values()) {
			System.out.printf("FAILOVER %s: %s, Redis sold %d%n", saleId, statuses.get(saleId),
					api.getSale(saleId).number("sold"));
		}
		for (String saleId : saleByMaster.values()) {
			Map<Integer, AtomicLong> answers = statuses.get(saleId);
			assertThat(answers.keySet()).as("statuses of %s", saleId).isSubsetOf(200, 503);
			ApiClient.Answer sale = api.getSale(saleId);
			assertThat(sale.number("initialStock")).isEqualTo(sale.number("remaining") + sale.number("sold"));
			if (!saleId.equals(failed)) {
				assertThat(sale.number("sold")).as("units %s sold: one per 200, none for a refusal", saleId)
					.isEqualTo(answers.get(200).get());
			}
		}
		assertThat(refusals.keySet()).as("every refusal says the inventory is unreachable")
			.allSatisfy((refusal) -> assertThat(refusal).contains("/unavailable"));
		assertThat(statuses.get(failed)).as("the failed shard answered 503 while it was down").containsKey(503);
	}

	private static Map<String, Long> snapshot(Map<String, Map<Integer, AtomicLong>> statuses) {
		Map<String, Long> snapshot = new java.util.TreeMap<>();
		statuses.forEach(
				(saleId, answers) -> snapshot.put(saleId, answers.values().stream().mapToLong(AtomicLong::get).sum()));
		return snapshot;
	}

}
