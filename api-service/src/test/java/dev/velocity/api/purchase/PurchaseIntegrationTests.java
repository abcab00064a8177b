package dev.velocity.api.purchase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.LocalAws;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The purchase path over HTTP against real Redis and ElasticMQ. One shopper here sends a
 * hundred requests at once (to prove limits and replays under a race), so the per-shopper
 * rate limit is raised: {@code RateLimitIntegrationTests} proves the rate limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.rate-limit.shopper.burst=1000", "velocity.rate-limit.address.burst=1000" })
@UsesRealServers
class PurchaseIntegrationTests {

	@org.springframework.beans.factory.annotation.Value("${local.management.port}")
	int managementPort;

	@Test
	void sellsExactlyTheStockToConcurrentShoppersAndQueuesEveryOrderOnce(ApiClient api, LocalAws.Names names,
			SqsClient sqs) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("exactly-n");
		assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(500, 1L)).status()).isEqualTo(201);

		Semaphore inFlight = new Semaphore(500);
		List<CompletableFuture<ApiClient.Answer>> answers = new ArrayList<>();
		for (int i = 0; i < 5_000; i++) {
			inFlight.acquireUninterruptibly();
			answers.add(buyCarefully(api, saleId, "user-" + i, 1).whenComplete((answer, error) -> inFlight.release()));
		}
		List<ApiClient.Answer> results = answers.stream().map(CompletableFuture::join).toList();

		List<ApiClient.Answer> accepted = results.stream().filter((answer) -> answer.status() == 200).toList();
		List<ApiClient.Answer> refused = results.stream().filter((answer) -> answer.status() != 200).toList();
		assertThat(accepted).hasSize(500);
		assertThat(refused).hasSize(4_500).allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(409);
			assertThat(answer.type()).endsWith("/sold-out");
		});
		Set<String> acceptedIds = new HashSet<>();
		accepted.forEach((answer) -> acceptedIds.add(answer.text("orderId")));
		assertThat(acceptedIds).hasSize(500);

		ApiClient.Answer sale = api.getSale(saleId);
		assertThat(sale.number("remaining")).isZero();
		assertThat(sale.number("sold")).isEqualTo(500);
		assertThat(sale.number("initialStock")).isEqualTo(500);

		String queueUrl = sqs.getQueueUrl((request) -> request.queueName(names.ordersQueue())).queueUrl();
		Set<String> queuedIds = new HashSet<>();
		List<String> queued = new ArrayList<>();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (JsonNode order : ApiIntegrationTestSupport.drainOrders(sqs, queueUrl)) {
				if (order.get("saleId").asString().equals(saleId)) {
					queued.add(order.get("orderId").asString());
					queuedIds.add(order.get("orderId").asString());
				}
			}
			assertThat(queued).hasSize(500);
		});
		assertThat(queuedIds).isEqualTo(acceptedIds);
		// Every send was acknowledged, so the relay has nothing left to send twice.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(api.getSale(saleId).number("pendingHandOff")).isZero());
		assertThat(ApiIntegrationTestSupport.drain(sqs, queueUrl)).noneMatch((body) -> body.contains(saleId));
	}

	/**
	 * A purchase as a careful client makes it: with an {@code Idempotency-Key}, and a 503
	 * (on a busy machine Redis may answer after the command timeout: the outcome is then
	 * unknown) retried with that key, which answers with the order if it went through.
	 */
	private static CompletableFuture<ApiClient.Answer> buyCarefully(ApiClient api, String saleId, String shopper,
			int attempt) {
		return api.buyAsync(saleId, shopper, 1, "key-" + shopper).thenCompose((answer) -> {
			if (answer.status() != 503 || attempt >= 10) {
				return CompletableFuture.completedFuture(answer);
			}
			return CompletableFuture
				.supplyAsync(() -> buyCarefully(api, saleId, shopper, attempt + 1),
						CompletableFuture.delayedExecutor(200, java.util.concurrent.TimeUnit.MILLISECONDS))
				.thenCompose((retried) -> retried);
		});
	}

	@Test
	void acceptsOnlyUpToTheLimitForOneShopperBuyingInParallel(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("same-shopper");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1_000, 2L));

		List<CompletableFuture<ApiClient.Answer>> answers = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			answers.add(api.buyAsync(saleId, "the-same-user", 1, null));
		}
		List<ApiClient.Answer> results = answers.stream().map(CompletableFuture::join).toList();

		assertThat(results).filteredOn((answer) -> answer.status() == 200).hasSize(2);
		assertThat(results).filteredOn((answer) -> answer.status() == 409)
			.hasSize(198)
			.allSatisfy((answer) -> assertThat(answer.type()).endsWith("/limit-reached"));
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(998);
	}

	@Test
	void answersEveryRetryOfOneIdempotencyKeyWithTheSameOrder(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("idempotent");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(100, null));

		List<CompletableFuture<ApiClient.Answer>> answers = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			answers.add(api.buyAsync(saleId, "retrying-user", 1, "key-" + saleId));
		}
		List<ApiClient.Answer> results = answers.stream().map(CompletableFuture::join).toList();

		assertThat(results).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
		assertThat(results.stream().map((answer) -> answer.text("orderId")).distinct()).hasSize(1);
		assertThat(api.getSale(saleId).number("remaining")).isEqualTo(99);
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(1);
	}

	@Test
	void refusesAnIdempotencyKeyReusedForAnotherPurchase(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("reused-key");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String orderId = api.buyAsync(saleId, "alice", 1, "shared-key").join().text("orderId");

		ApiClient.Answer answer = api.buyAsync(saleId, "alice", 2, "shared-key").join();

		assertThat(answer.status()).isEqualTo(422);
		assertThat(answer.type()).endsWith("/idempotency-key-reused");
		assertThat(answer.text("orderId")).isEqualTo(orderId);
	}

	@Test
	void scopesIdempotencyKeysToTheirShopper(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("own-key");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		String alices = api.buyAsync(saleId, "alice", 1, "shared-key").join().text("orderId");

		// Bob sending Alice's key buys for himself and learns nothing of her order.
		ApiClient.Answer bobs = api.buyAsync(saleId, "bob", 1, "shared-key").join();

		assertThat(bobs.status()).isEqualTo(200);
		assertThat(bobs.text("orderId")).isNotEqualTo(alices);
		assertThat(bobs.text("userId")).isEqualTo("bob");
		assertThat(bobs.raw().body()).doesNotContain(alices);
		assertThat(api.getOrderAs("bob", alices).status()).isEqualTo(404);
		assertThat(api.getOrderAs("alice", alices).status()).isEqualTo(200);
	}

	@Test
	void returnsTheAcceptedOrder(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("lookup");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		ApiClient.Answer bought = api.buy(saleId, "carol", 3);
		assertThat(bought.status()).isEqualTo(200);
		assertThat(bought.number("remaining")).isEqualTo(7);
		assertThat(bought.number("quantity")).isEqualTo(3);
		assertThat(bought.text("userId")).isEqualTo("carol");
		assertThat(bought.contentType()).startsWith("application/json");
		// One write per answer: a sized body, not a chunked one.
		assertThat(bought.raw().headers().firstValueAsLong("Content-Length"))
			.hasValue(bought.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);

		ApiClient.Answer order = api.getOrder(bought.text("orderId"));

		assertThat(order.status()).isEqualTo(200);
		assertThat(order.text("status")).isEqualTo("ACCEPTED");
		assertThat(order.text("saleId")).isEqualTo(saleId);
		assertThat(order.number("quantity")).isEqualTo(3);
		assertThat(order.text("placedAt")).isNotBlank();
	}

	@Test
	void answersSoldOutWithTheUnitsLeftWhenAskedForMore(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("too-many");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(2, null));

		ApiClient.Answer answer = api.buy(saleId, "dave", 3);

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.type()).endsWith("/sold-out");
		assertThat(answer.number("remaining")).isEqualTo(2);
		assertThat(answer.text("instance")).isEqualTo("/buy");
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(answer.raw().headers().firstValue("Transfer-Encoding")).isEmpty();
		assertThat(answer.raw().headers().firstValueAsLong("Content-Length")).isPresent();
	}

	@Test
	void answersEverySoldOutSaleWithItsOwnProblem(ApiClient api) {
		List<String> sales = List.of(ApiIntegrationTestSupport.uniqueSaleId("gone-a"),
				ApiIntegrationTestSupport.uniqueSaleId("gone-b"));
		for (String saleId : sales) {
			api.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null));
			assertThat(api.buy(saleId, "first", 1).status()).isEqualTo(200);
		}

		// Taking turns: the first attempts ask Redis, the rest are answered from the
		// gate.
		for (int attempt = 0; attempt < 3; attempt++) {
			for (String saleId : sales) {
				ApiClient.Answer answer = api.buy(saleId, "late-" + attempt, 1);
				assertThat(answer.status()).isEqualTo(409);
				assertThat(answer.type()).endsWith("/sold-out");
				assertThat(answer.text("detail")).isEqualTo("Sale " + saleId + " is sold out");
				assertThat(answer.number("remaining")).isZero();
				assertThat(answer.text("instance")).isEqualTo("/buy");
				assertThat(answer.contentType()).startsWith("application/problem+json");
				assertThat(answer.raw().headers().firstValueAsLong("Content-Length"))
					.hasValue(answer.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
			}
		}
	}

	@Test
	void refusesASaleThatHasNotOpened(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("later");
		api.putSale(saleId, Map.of("name", "Later", "stock", 5, "startsAt", "2999-01-01T00:00:00Z"));

		ApiClient.Answer answer = api.buy(saleId, "erin", 1);

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.type()).endsWith("/sale-not-open");
		assertThat(answer.text("reason")).isEqualTo("NOT_STARTED");
		assertThat(api.getSale(saleId).text("state")).isEqualTo("UPCOMING");
	}

	@Test
	void restocksASoldOutSale(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("restock");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null));
		assertThat(api.buy(saleId, "u1", 1).status()).isEqualTo(200);
		assertThat(api.buy(saleId, "u2", 1).type()).endsWith("/sold-out");

		ApiClient.Answer restocked = api.putSale(saleId, ApiIntegrationTestSupport.openSale(3, null));

		assertThat(restocked.status()).isEqualTo(200);
		assertThat(restocked.number("remaining")).isEqualTo(2);
		assertThat(api.buy(saleId, "u2", 1).status()).isEqualTo(200);
	}

	@Test
	void refusesStockBelowWhatWasSold(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("shrink");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(5, null));
		api.buy(saleId, "u1", 3);

		ApiClient.Answer answer = api.putSale(saleId, ApiIntegrationTestSupport.openSale(2, null));

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.type()).endsWith("/stock-below-sold");
		assertThat(answer.number("sold")).isEqualTo(3);
	}

	@Test
	void exposesHealthGroupsAndPrometheusMetricsOnTheManagementPortOnly(ApiClient api) {
		ApiClient management = new ApiClient(this.managementPort);
		assertThat(management.send(management.request("/actuator/health/liveness").GET().build()).status())
			.isEqualTo(200);
		assertThat(management.send(management.request("/actuator/health/readiness").GET().build()).status())
			.isEqualTo(200);
		// The public port has no actuator: what it shows is for operators.
		for (String path : new String[] { "/actuator/prometheus", "/actuator/health", "/actuator/metrics" }) {
			assertThat(api.send(api.request(path).GET().build()).status()).as(path).isEqualTo(404);
		}
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("metrics");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null));
		api.buy(saleId, "u1", 1);
		api.buy(saleId, "u2", 1);

		String metrics = management.send(management.request("/actuator/prometheus").GET().build()).raw().body();

		assertThat(metrics).contains("velocity_purchases_total{", "outcome=\"accepted\"", "outcome=\"sold_out\"",
				"velocity_purchase_reserve_seconds", "velocity_outbox_depth");
		// /buy has a servlet of its own: its requests are still timed, under their path.
		assertThat(metrics.lines()
			.filter((line) -> line.startsWith("http_server_requests_seconds_count{"))
			.filter((line) -> line.contains("method=\"POST\"") && line.contains("uri=\"/buy\""))
			.map((line) -> line.substring(line.indexOf("status=\""), line.indexOf('"', line.indexOf("status=\"") + 8)))
			.toList()).contains("status=\"200", "status=\"409");
	}

}
