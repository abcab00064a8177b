package dev.velocity.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.velocity.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Through both services, as processes, on real Redis, ElasticMQ and dynalite. */
class EndToEndIntegrationTests {

	@Test
	void persistsExactlyTheAcceptedOrdersOfASellOutStorm() {
		try (VelocitySystem velocity = new VelocitySystem()) {
			velocity.startApi();
			velocity.startWorker();
			String saleId = "e2e-" + System.nanoTime();
			assertThat(velocity.putSale(saleId, 500, 1L).status()).isEqualTo(201);

			List<ApiClient.Answer> answers = velocity.storm(saleId, 5_000, 500);

			Set<String> accepted = answers.stream()
				.filter((answer) -> answer.status() == 200)
				.map((answer) -> answer.text("orderId"))
				.collect(Collectors.toSet());
			assertThat(accepted).hasSize(500);
			assertThat(answers).filteredOn((answer) -> answer.status() != 200)
				.hasSize(4_500)
				.allSatisfy((answer) -> assertThat(answer.text("type")).endsWith("/sold-out"));

			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofSeconds(1))
				.untilAsserted(() -> assertThat(velocity.storedOrders(saleId)).hasSize(500));
			List<Map<String, AttributeValue>> stored = velocity.storedOrders(saleId);
			assertThat(stored.stream().map((item) -> item.get("orderId").s()).collect(Collectors.toSet()))
				.isEqualTo(accepted);
			assertThat(stored.stream().mapToLong((item) -> Long.parseLong(item.get("quantity").n())).sum())
				.isEqualTo(500);
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(velocity.queueDepth()).isZero());
			assertThat(accepted)
				.allSatisfy((orderId) -> assertThat(velocity.getOrder(orderId).text("status")).isEqualTo("CONFIRMED"));

			ApiClient.Answer sale = velocity.getSale(saleId);
			assertThat(sale.number("remaining")).isZero();
			assertThat(sale.number("confirmed")).isEqualTo(500);
			assertThat(sale.number("initialStock")).isEqualTo(sale.number("remaining") + sale.number("confirmed"));
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(velocity.getSale(saleId).number("pendingHandOff")).isZero());
		}
	}

}
