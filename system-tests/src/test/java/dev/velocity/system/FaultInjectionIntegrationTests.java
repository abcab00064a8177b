package dev.velocity.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import dev.velocity.testsupport.ApiClient;
import dev.velocity.localservers.Dynalite;
import dev.velocity.localservers.ElasticMqProcess;
import dev.velocity.localservers.FreePort;
import dev.velocity.localservers.RedisCluster;
import dev.velocity.localservers.RedisServer;
import dev.velocity.localservers.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault-injection suite: real processes (Redis, ElasticMQ, dynalite, the API and the
 * worker, each of the scenario's own), a purchase storm, a fault in the middle of it, and
 * both invariants checked at the end against the client's own record of which orders got
 * a 200. CI runs it at the "ci" scale; {@code loadtest/faults.sh} runs it with
 * {@code -Dvelocity.faults.scale=full}.
 */
class FaultInjectionIntegrationTests {

	private static final boolean FULL = "full".equals(System.getProperty("velocity.faults.scale"));

	private static final int CONCURRENCY = FULL ? 64 : 16;

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	/** Short relay and reconciliation periods, so recovery fits the test's time. */
	private static final List<String> API_ARGS = List.of("--velocity.hand-off.grace=2s", "--velocity.hand-off.lease=5s",
			"--velocity.hand-off.relay-interval=500ms", "--velocity.reconciliation.interval=2s",
			"--velocity.reconciliation.drain-timeout=60s", "--velocity.sqs.api-call-timeout=3s");

	private static final List<String> WORKER_ARGS = List.of("--velocity.worker.queue.wait-time=2s",
			"--velocity.worker.dynamodb.api-call-timeout=3s");

	private RedisServer redis;

	private ElasticMqProcess elasticMq;

	private Dynalite dynalite;

	private VelocitySystem velocity;

	@BeforeEach
	void servers() throws IOException {
		Path dir = Files.createTempDirectory("velocity-faults");
		this.redis = new RedisServer(FreePort.find(), dir.resolve("redis"), false);
		this.redis.start();
		this.elasticMq = new ElasticMqProcess(FreePort.find(), dir);
		this.elasticMq.start();
		this.dynalite = new Dynalite(FreePort.find(), dir, null);
		this.dynalite.start();
		this.velocity = new VelocitySystem(this.redis.port(), this.elasticMq.endpoint(), this.dynalite.endpoint());
	}

	@AfterEach
	void stop() {
		if (this.velocity != null) {
			this.velocity.close();
		}
		this.dynalite.stop();
		this.elasticMq.stop();
		this.redis.stop();
	}

	/** API and worker started side by side (boot time dominates otherwise). */
	private ServiceProcess[] startServices(int apiPort, List<String> apiArgs, Map<String, String> apiEnv) {
		ServiceProcess api = this.velocity.launchApi(apiPort, apiArgs, apiEnv);
		ServiceProcess worker = this.velocity.launchWorker(WORKER_ARGS);
		api.awaitReady(Duration.ofMinutes(2));
		worker.awaitReady(Duration.ofMinutes(2));
		return new ServiceProcess[] { api, worker };
	}

	private static Duration storm(Duration core) {
		return FULL ? core.multipliedBy(4) : core;
	}

	@Test
	void apiKilledMidStormLosesNoAcceptedOrder() {
		int port = FreePort.find();
		ServiceProcess api = startServices(port, API_ARGS, Map.of())[0];
		String saleId = "kill-api";
		this.velocity.putSale(saleId, FULL ? 20_000 : 3_000, null);
		String base = this.velocity.apiBase();

		Storm storm = Storm.start(() -> base, saleId, CONCURRENCY, storm(Duration.ofSeconds(30)));
		pause(Duration.ofSeconds(6));
		api.kill();
		pause(Duration.ofSeconds(2));
		this.velocity.launchApi(port, API_ARGS, Map.of()).awaitReady(Duration.ofMinutes(2));
		Storm.Result result = storm.await();

		assertThat(result.errors()).as("requests refused while the API was dead").isPositive();
		Invariants.check("1. API kill -9 mid-storm", this.velocity, saleId, result);
	}

	@Test
	void sqsUnreachableFor30sMidStormLosesNothing() {
		startServices(FreePort.find(), API_ARGS, Map.of());
		String saleId = "sqs-down";
		this.velocity.putSale(saleId, FULL ? 20_000 : 3_000, null);
		String base = this.velocity.apiBase();

		Storm storm = Storm.start(() -> base, saleId, CONCURRENCY, OUTAGE.plus(storm(Duration.ofSeconds(20))));
		pause(Duration.ofSeconds(5));
		this.elasticMq.suspend();
		pause(OUTAGE);
		this.elasticMq.resume();
		Storm.Result result = storm.await();

		assertThat(result.count(503)).as("purchases refused while the queue was away").isPositive();
		Invariants.check("2. SQS unreachable 30 s", this.velocity, saleId, result);
	}

	@Test
	void dynamoDbUnreachableFor30sMidStormLosesNothing() {
		startServices(FreePort.find(), API_ARGS, Map.of());
		String saleId = "dynamo-down";
		this.velocity.putSale(saleId, FULL ? 20_000 : 3_000, null);
		String base = this.velocity.apiBase();

		Storm storm = Storm.start(() -> base, saleId, CONCURRENCY, OUTAGE.plus(storm(Duration.ofSeconds(15))));
		pause(Duration.ofSeconds(5));
		this.dynalite.suspend();
		pause(OUTAGE);
		this.dynalite.resume();
		Storm.Result result = storm.await();

		assertThat(result.count(200)).isPositive();
		Invariants.check("3. DynamoDB unreachable 30 s", this.velocity, saleId, result);
	}

	@Test
	void workerKilledBetweenWriteAndDeleteAndDuplicateDeliveriesStoreEachOrderOnce() throws Exception {
		ServiceProcess worker = startServices(FreePort.find(), API_ARGS, Map.of())[1];
		String saleId = "kill-worker";
		this.velocity.putSale(saleId, FULL ? 20_000 : 3_000, null);
		String base = this.velocity.apiBase();

		Storm storm = Storm.start(() -> base, saleId, CONCURRENCY, storm(Duration.ofSeconds(25)));
		for (int i = 0; i < 3; i++) {
			pause(Duration.ofSeconds(4));
			worker.kill();
			worker = this.velocity.launchWorker(WORKER_ARGS);
			worker.awaitReady(Duration.ofMinutes(2));
		}
		Storm.Result result = storm.await();
		Invariants.check("4. worker kill -9 x3", this.velocity, saleId, result);

		// Every order delivered once more: still one item each.
		List<Map<String, AttributeValue>> items = this.velocity.storedOrders(saleId);
		for (Map<String, AttributeValue> item : items) {
			String body = "{\"orderId\":\"" + item.get("orderId").s() + "\",\"saleId\":\"" + saleId + "\",\"userId\":\""
					+ item.get("userId").s() + "\",\"quantity\":" + item.get("quantity").n() + ",\"placedAt\":\""
					+ item.get("placedAt").s() + "\"}";
			this.velocity.sqs.sendMessage((request) -> request.queueUrl(this.velocity.queueUrl).messageBody(body));
		}
		ServiceProcess current = worker;
		await().atMost(Duration.ofMinutes(2))
			.untilAsserted(() -> assertThat(scrape(current.managementPort())).containsPattern(
					"velocity_worker_duplicates_total\\{[^}]*\\} (\\d{3,}|[" + Math.min(9, items.size()) + "-9])"));
		Storm.Result again = new Storm.Result(result.requests(), result.accepted(), result.statuses(), result.errors());
		Invariants.Figures figures = Invariants.check("4. + every order delivered twice", this.velocity, saleId, again);
		assertThat(figures.persisted()).isEqualTo(items.size());
	}

	@Test
	void redisRestartedEmptyMidSaleNeverSellsAUnitTwiceAndReopensOnlyAfterTheRebuild() {
		startServices(FreePort.find(), API_ARGS, Map.of());
		String saleId = "redis-empty";
		long stock = FULL ? 20_000 : 2_000;
		this.velocity.putSale(saleId, stock, null);
		String base = this.velocity.apiBase();

		Storm storm = Storm.start(() -> base, saleId, CONCURRENCY, storm(Duration.ofSeconds(30)));
		pause(Duration.ofSeconds(6));
		this.redis.stop();
		this.redis.start(); // no AOF: back empty
		// Until the rebuild, the sale does not sell: every answer is a refusal.
		await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
			ApiClient.Answer sale = this.velocity.getSale(saleId);
			return sale.status() == 200 && sale.number("initialStock") == stock;
		});
		Storm.Result result = storm.await();

		Invariants.check("5. Redis restarted empty", this.velocity, saleId, result);
	}

	@Test
	void restockAfterSellOutResumesSalesOnEveryInstanceAtOnce() {
		ServiceProcess apiA = startServices(FreePort.find(), API_ARGS, Map.of())[0];
		ServiceProcess apiB = this.velocity.launchApi(FreePort.find(), API_ARGS, Map.of());
		apiB.awaitReady(Duration.ofMinutes(2));
		String a = this.velocity.base(apiA);
		String b = this.velocity.base(apiB);
		String saleId = "restock";
		this.velocity.putSaleVia(a, saleId, 200, null);
		AtomicReference<String> next = new AtomicReference<>(a);
		Storm first = Storm.untilSoldOut(() -> next.getAndSet(next.get().equals(a) ? b : a), saleId, CONCURRENCY,
				Duration.ofSeconds(60));
		Storm.Result soldOut = first.await();
		assertThat(soldOut.accepted()).hasSize(200);

		assertThat(this.velocity.putSaleVia(a, saleId, 300, null).number("remaining")).isEqualTo(100);
		Storm second = Storm.start(() -> b, saleId, 4, Duration.ofSeconds(1));
		Storm.Result onB = second.await();
		assertThat(onB.accepted()).as("B sells at once after A's restock").isNotEmpty();
		Storm third = Storm.untilSoldOut(() -> next.getAndSet(next.get().equals(a) ? b : a), saleId, CONCURRENCY,
				Duration.ofSeconds(60));
		Storm.Result rest = third.await();

		java.util.Set<String> all = new java.util.HashSet<>(soldOut.accepted());
		all.addAll(onB.accepted());
		all.addAll(rest.accepted());
		assertThat(all).hasSize(300);
		this.velocity.useApi(apiA);
		Invariants.check("6. restock after sell-out, 2 APIs", this.velocity, saleId,
				new Storm.Result(soldOut.requests() + onB.requests() + rest.requests(), all, soldOut.statuses(), 0));
	}

	@Test
	void garbageInputStormGetsOnly4xxAndLeavesTheServiceHealthy() throws Exception {
		startServices(FreePort.find(), API_ARGS, Map.of());
		String saleId = "garbage";
		this.velocity.putSale(saleId, 100, null);
		String base = this.velocity.apiBase();
		String[] bodies = { "{", "[]", "null", "\"buy\"", "{\"saleId\":\"" + saleId + "\",\"userId\":\"someone-else\"}",
				"{\"saleId\":\"" + saleId + "\",\"saleId\":\"" + saleId + "\"}", "{\"saleId\":7}",
				"{\"saleId\":\"" + saleId + "\",\"userId\":\"u\",\"quantity\":1e400}",
				"{\"saleId\":\"" + saleId + "\",\"userId\":\"u\",\"quantity\":-1}",
				"{\"saleId\":\"" + saleId + "\",\"userId\":\"u\",\"quantity\":99999999999999999999}",
				"{\"saleId\":\"\u0000\u202e\",\"userId\":\"\ud83d\ude00\"}", "{\"saleId\":{\"$ne\":1},\"userId\":[]}",
				"{\"saleId\":\"" + saleId + "\",\"userId\":\"" + "x".repeat(50_000) + "\"}",
				"\u00ff\u00fe garbage \u0001" };
		HttpClient http = HttpClient.newHttpClient();
		Random random = new Random(42);
		List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			String body = bodies[random.nextInt(bodies.length)];
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/buy"))
				.POST(HttpRequest.BodyPublishers.ofString(body));
			if (random.nextInt(4) > 0) {
				request.header("Content-Type", (random.nextBoolean()) ? "application/json" : "text/html");
			}
			if (random.nextInt(5) == 0) {
				request.header("Idempotency-Key", (random.nextBoolean()) ? "\u00e9\u00e9" : "k".repeat(400));
			}
			// Most come signed in (so that they reach the body's checks), some with a
			// token that is not one, some with none.
			switch (random.nextInt(6)) {
				case 0 -> request.header("Authorization", "Bearer not.a.token");
				case 1 -> {
				}
				default -> ApiClient.as("garbage-" + random.nextInt(50), request);
			}
			answers.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
			if (answers.size() % 200 == 0) {
				answers.forEach(CompletableFuture::join);
			}
		}
		List<Integer> statuses = answers.stream().map((answer) -> answer.join().statusCode()).toList();

		assertThat(statuses).allSatisfy((status) -> assertThat(status).isBetween(400, 499));
		assertThat(this.velocity.getSale(saleId).number("sold")).isZero();
		Storm.Result after = Storm.start(() -> base, saleId, 2, Duration.ofSeconds(1)).await();
		assertThat(after.accepted()).isNotEmpty();
		System.out.println("FAULT-FIGURES | 7. garbage input storm | " + statuses.size() + " | 0 | 0 | 0 | 0 | 0 |");
	}

	@Test
	void soakAtASteadyLoadKeepsHeapAndOpenFilesFlat() throws Exception {
		ServiceProcess api = startServices(FreePort.find(), API_ARGS, Map.of("JAVA_TOOL_OPTIONS", "-Xmx512m"))[0];
		String saleId = "soak";
		this.velocity.putSale(saleId, 10_000_000, null);
		String base = this.velocity.apiBase();
		Duration soak = FULL ? Duration.ofMinutes(5) : Duration.ofSeconds(45);

		Storm storm = Storm.start(() -> base, saleId, 8, soak);
		pause(Duration.ofSeconds(10));
		List<double[]> samples = new ArrayList<>();
		long deadline = System.nanoTime() + soak.minusSeconds(15).toNanos();
		while (System.nanoTime() < deadline) {
			samples.add(new double[] { metric(api.managementPort(), "jvm.memory.used?tag=area:heap"),
					metric(api.managementPort(), "process.files.open") });
			pause(Duration.ofSeconds(3));
		}
		Storm.Result result = storm.await();

		double firstFiles = samples.get(0)[1];
		double maxFiles = samples.stream().mapToDouble((sample) -> sample[1]).max().orElseThrow();
		double maxHeap = samples.stream().mapToDouble((sample) -> sample[0]).max().orElseThrow();
		int third = Math.max(1, samples.size() / 3);
		double earlyHeap = samples.subList(0, third)
			.stream()
			.mapToDouble((sample) -> sample[0])
			.average()
			.orElseThrow();
		double lateHeap = samples.subList(samples.size() - third, samples.size())
			.stream()
			.mapToDouble((sample) -> sample[0])
			.average()
			.orElseThrow();
		System.out.printf("SOAK %d requests, heap early %.0f MB late %.0f MB max %.0f MB, files %.0f..%.0f%n",
				result.requests(), earlyHeap / 1e6, lateHeap / 1e6, maxHeap / 1e6, firstFiles, maxFiles);
		assertThat(maxHeap).as("heap within 512 MB").isLessThan(512e6);
		assertThat(maxFiles).as("open files flat").isLessThan(firstFiles + 50);
		assertThat(lateHeap).as("heap flat").isLessThan(earlyHeap * 1.5 + 64e6);
		Invariants.check("8. soak " + soak.toSeconds() + " s", this.velocity, saleId, result);
	}

	private String scrape(int port) throws Exception {
		return this.velocity.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private double metric(int port, String nameAndTag) throws Exception {
		String body = this.velocity.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/metrics/" + nameAndTag))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		String value = body.replaceAll("(?s).*\"statistic\":\"VALUE\",\"value\":([0-9.E+-]+).*", "$1");
		return Double.parseDouble(value);
	}

	@Test
	void apiKilledDuringAnArchiveLeavesItToBeFinishedLosingAndResellingNothing() {
		int port = FreePort.find();
		ServiceProcess api = startServices(port, API_ARGS, Map.of())[0];
		String saleId = "kill-archive";
		int shoppers = FULL ? 5_000 : 1_500;
		this.velocity.putSale(saleId, shoppers, null);
		// Every order with an Idempotency-Key: the archive keeps each in the order store,
		// which gives it seconds to be killed in.
		List<ApiClient.Answer> answers = this.velocity.storm(saleId, shoppers, 32);
		java.util.Set<String> accepted = new java.util.HashSet<>();
		answers.stream()
			.filter((answer) -> answer.status() == 200)
			.forEach((answer) -> accepted.add(answer.text("orderId")));
		assertThat(adminPost("/admin/sales/" + saleId + "/close").status()).isEqualTo(200);
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.velocity.storedOrders(saleId).size() == accepted.size()
					&& this.velocity.getSale(saleId).number("pendingHandOff") == 0);

		CompletableFuture.runAsync(() -> adminPost("/admin/sales/" + saleId + "/archive"));
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> "ARCHIVING".equals(stage(saleId)));
		// Frozen the moment the record says ARCHIVING, the store holds the archive where
		// it
		// is (keeping the keys, before Redis lets go); the API dies there.
		this.dynalite.suspend();
		api.kill();
		this.dynalite.resume();
		assertThat(this.redis.command("HLEN sale:{" + saleId + "}:orders")).as("Redis has not let go yet")
			.isEqualTo(":" + accepted.size());
		long keysBefore = keptKeys(saleId);

		List<String> resumeArgs = new ArrayList<>(API_ARGS);
		resumeArgs.addAll(List.of("--velocity.lifecycle.archive-after=0s", "--velocity.lifecycle.interval=1s"));
		this.velocity.launchApi(port, resumeArgs, Map.of()).awaitReady(Duration.ofMinutes(2));
		// Once the dead instance's lock on the sale has lapsed (30 s).
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "ARCHIVED".equals(this.velocity.getSale(saleId).text("state")));

		Invariants.check("9. API kill -9 mid-archive", this.velocity, saleId,
				new Storm.Result(answers.size(), java.util.Set.copyOf(accepted), Map.of(), 0));
		System.out.println("ARCHIVE-FAULT stage at the kill: ARCHIVING; keys kept then: " + keysBefore + " of "
				+ accepted.size() + "; after the resume: " + keptKeys(saleId));
		assertThat(keptKeys(saleId)).as("every order's key is kept").isEqualTo(accepted.size());
		assertThat(this.redis.command("HLEN sale:{" + saleId + "}:orders")).isEqualTo(":0");
		ApiClient.Answer retried = this.velocity.api().buyAsync(saleId, "shopper-0", 1, saleId + "-shopper-0").join();
		assertThat(retried.status()).as("a retry gets its order").isEqualTo(200);
		assertThat(accepted).contains(retried.text("orderId"));
		ApiClient.Answer late = this.velocity.api().buy(saleId, "latecomer", 1);
		assertThat(late.type()).as("nothing is resold").endsWith("/sale-not-open");
	}

	/**
	 * A Redis Cluster master killed (-9) mid-storm, with sales on every shard, after its
	 * replica lost the link (the master's last writes reach no replica): the other shards
	 * sell on without a 5xx; the failed shard answers 503 until its replica is promoted;
	 * the promoted replica lacks the acknowledged writes since the link was cut, so the
	 * reconciler holds that sale and rebuilds it from the order store; every order that
	 * got a 200 is one item in DynamoDB and nothing is oversold.
	 */
	@Test
	void aRedisClusterMasterKilledMidStormLosesNoAcceptedOrderAndItsSaleIsRebuilt() throws Exception {
		try (RedisCluster cluster = RedisCluster.start(3)) {
			ServiceProcess api = startServices(FreePort.find(), API_ARGS,
					Map.of("SPRING_DATA_REDIS_CLUSTER_NODES", String.join(",", cluster.addresses())))[0];
			// One sale per master; the first one's master dies.
			Map<Integer, String> saleByMaster = new java.util.LinkedHashMap<>();
			for (int i = 0; saleByMaster.size() < 3; i++) {
				saleByMaster.putIfAbsent(cluster.masterOf(key("failover-" + i)).port(), "failover-" + i);
			}
			List<String> sales = List.copyOf(saleByMaster.values());
			String failed = sales.get(0);
			sales.forEach((saleId) -> this.velocity.putSale(saleId, 1_000_000, null));
			String base = this.velocity.apiBase();
			Map<String, Storm> storms = new java.util.LinkedHashMap<>();
			sales.forEach((saleId) -> storms.put(saleId,
					Storm.start(() -> base, saleId, CONCURRENCY / 2, storm(Duration.ofSeconds(30)))));

			pause(Duration.ofSeconds(6));
			RedisServer dying = cluster.masterOf(key(failed));
			RedisServer replica = cluster.replicaOf(dying);
			// The replica stops reading, its link is cut, and the master accepts a second
			// of purchases no replica receives before it dies.
			replica.suspend();
			dying.command("CLIENT KILL TYPE replica");
			pause(Duration.ofSeconds(1));
			long killedAt = System.nanoTime();
			dying.kill();
			replica.resume();
			// (No master serves the slot until the promotion.)
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptions()
				.until(() -> cluster.masterOf(key(failed)).port() == replica.port());
			double promotedAfter = (System.nanoTime() - killedAt) / 1e9;
			// Orders that got a 200 by now and that the promoted replica has not heard
			// of.
			Set<String> orders = Set.copyOf(
					cluster.cli(replica, "HKEYS", "sale:{" + failed + "}:orders").lines().map(String::strip).toList());
			long lostInReplication = storms.get(failed)
				.acceptedSoFar()
				.stream()
				.filter((orderId) -> !orders.contains(orderId))
				.count();

			Map<String, Storm.Result> results = new java.util.LinkedHashMap<>();
			storms.forEach((saleId, storm) -> results.put(saleId, storm.await()));
			long noscript = cluster.errorReplies(replica, "NOSCRIPT");
			for (String saleId : sales) {
				Invariants.check("10. Redis Cluster master kill -9, " + (saleId.equals(failed) ? "its" : "another")
						+ " shard's sale", this.velocity, saleId, results.get(saleId));
			}
			String metrics = scrape(api.managementPort());
			long rebuilds = metrics.lines()
				.filter((line) -> line.startsWith("velocity_reconciliation_rebuilds_total"))
				.mapToLong((line) -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
				.sum();
			System.out.printf(
					"CLUSTER-FAULT promoted after %.1f s; acknowledged writes the promotion lost: %d; NOSCRIPT on the promoted replica: %d; rebuilds: %d; answers: %s%n",
					promotedAfter, lostInReplication, noscript, rebuilds,
					results.entrySet()
						.stream()
						.map((entry) -> entry.getKey() + "=" + entry.getValue().statuses())
						.toList());

			for (String saleId : sales.subList(1, sales.size())) {
				assertThat(results.get(saleId).statuses().keySet()).as("answers on a shard that stayed up: %s", saleId)
					.containsOnly(200);
				assertThat(results.get(saleId).errors()).isZero();
			}
			assertThat(results.get(failed).count(503)).as("the failed shard refused while it had no master")
				.isPositive();
			assertThat(lostInReplication).as("acknowledged writes the promoted replica lacks (the case to repair)")
				.isPositive();
			assertThat(noscript).as("EVALSHA met NOSCRIPT on the promoted replica, then EVAL").isPositive();
			assertThat(rebuilds).as("the sale the promotion left behind was held and rebuilt").isPositive();
			ApiClient.Answer sale = this.velocity.getSale(failed);
			assertThat(sale.text("state")).as("reopened after its rebuild").isEqualTo("OPEN");
		}
	}

	private static String key(String saleId) {
		return "sale:{" + saleId + "}";
	}

	private ApiClient.Answer adminPost(String path) {
		return this.velocity.api()
			.send(ApiClient.admin(this.velocity.api().request(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/** The stage the sale's durable record is at. */
	private String stage(String saleId) {
		Map<String, AttributeValue> item = this.velocity.dynamo
			.getItem((get) -> get.tableName(this.velocity.names.ordersTable())
				.key(Map.of("orderId", AttributeValue.fromS("sale#" + saleId)))
				.consistentRead(true))
			.item();
		return (item != null && item.containsKey("stage")) ? item.get("stage").s() : "";
	}

	/** Idempotency keys of the sale kept in the order store. */
	private long keptKeys(String saleId) {
		return this.velocity.dynamo
			.scanPaginator((scan) -> scan.tableName(this.velocity.names.ordersTable())
				.filterExpression("begins_with(orderId, :prefix)")
				.expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS("key#" + saleId + "#"))))
			.items()
			.stream()
			.count();
	}

	/** Faults are injected at points in time of the storm, not on a condition. */
	private static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
