package dev.velocity.api.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.LocalAws;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox through a queue outage, with the API's ElasticMQ taken away and brought
 * back: purchases on several sales are accepted (each sale's outbox holds them) until the
 * failed sends trip the gate, then refused (503) before anything is taken; once the queue
 * returns the relay delivers every order that got a 200, from every sale's outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("quick-hand-off")
@UsesRealServers(ownElasticMq = true)
class OutboxIntegrationTests {

	@Test
	void keepsAcceptedOrdersThroughAQueueOutageAndRefusesNewOnesUntilItReturns(ApiClient api, LocalAws.Names names,
			ClassServers servers) {
		String prefix = ApiIntegrationTestSupport.uniqueSaleId("queue-down");
		// Several sales: on a cluster their outboxes sit on different shards.
		List<String> sales = IntStream.range(0, 6).mapToObj((i) -> prefix + "-" + i).toList();
		sales.forEach((saleId) -> api.putSale(saleId, ApiIntegrationTestSupport.openSale(1_000, null)));
		Set<String> accepted = new HashSet<>();
		// (Orders acknowledged before the outage are not checked here: stopping this
		// in-memory ElasticMQ loses its messages, which SQS never does. The
		// fault-injection suite freezes a queue instead and checks every order.)
		sales.forEach((saleId) -> assertThat(api.buy(saleId, "before", 1).status()).isEqualTo(200));

		servers.elasticMq().stop();
		List<Integer> statuses = new ArrayList<>();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				String saleId = sales.get(statuses.size() % sales.size());
				ApiClient.Answer answer = api.buy(saleId, "during-" + statuses.size(), 1);
				statuses.add(answer.status());
				if (answer.status() == 200) {
					accepted.add(answer.text("orderId"));
				}
				return answer.status() == 503;
			});
			ApiClient.Answer refused = api.buy(sales.get(0), "refused", 1);
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.type()).endsWith("/unavailable");
		}
		finally {
			servers.elasticMq().start();
			// It came back empty (memory only): its queues are made again.
			try (SqsClient sqs = LocalAws.sqs(servers.sqsEndpoint())) {
				LocalAws.createQueues(sqs, names);
			}
		}
		assertThat(accepted).as("purchases accepted into the outboxes during the outage").isNotEmpty();
		System.out.printf("OUTBOX accepted during the queue outage: %d of %d answers%n", accepted.size(),
				statuses.size());

		// The relay delivers every order that got a 200, and purchases flow again.
		try (SqsClient sqs = LocalAws.sqs(servers.elasticMq().endpoint())) {
			String queueUrl = sqs.getQueueUrl((request) -> request.queueName(names.ordersQueue())).queueUrl();
			Set<String> delivered = new HashSet<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				ApiIntegrationTestSupport.drainOrders(sqs, queueUrl)
					.forEach((order) -> delivered.add(order.get("orderId").asString()));
				assertThat(delivered).containsAll(accepted);
			});
		}
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(sales).allSatisfy(
					(saleId) -> assertThat(api.buy(saleId, "after-" + System.nanoTime(), 1).status()).isEqualTo(200)));
		assertThat(statuses).contains(503);
	}

}
