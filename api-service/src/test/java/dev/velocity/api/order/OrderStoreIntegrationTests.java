package dev.velocity.api.order;

import java.time.Instant;
import java.util.List;

import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.LocalAws;
import dev.velocity.orders.OrderPlaced;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API reads of the worker's side: confirmed orders, and the dead-letter queue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class OrderStoreIntegrationTests {

	@Test
	void answersConfirmedOnceTheOrderIsStoredAndCountsConfirmedOrdersPerSale(ApiClient api, LocalAws.Names names,
			DynamoDbClient dynamo) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("confirmed");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		ApiClient.Answer first = api.buy(saleId, "u1", 2);
		api.buy(saleId, "u2", 1);
		assertThat(api.getOrder(first.text("orderId")).text("status")).isEqualTo("ACCEPTED");
		assertThat(api.getSale(saleId).number("confirmed")).isZero();

		// As the worker writes it.
		OrderPlaced stored = new OrderPlaced(first.text("orderId"), saleId, "u1", 2,
				Instant.parse(api.getOrder(first.text("orderId")).text("placedAt")), null);
		ApiIntegrationTestSupport.storeAsTheWorkerWould(dynamo, names.ordersTable(), List.of(stored));

		ApiClient.Answer order = api.getOrder(first.text("orderId"));
		assertThat(order.text("status")).isEqualTo("CONFIRMED");
		assertThat(order.number("quantity")).isEqualTo(2);
		assertThat(api.getSale(saleId).number("confirmed")).isEqualTo(1);

		// A redelivery lists the order again, in another page: it is still one order.
		OrderPlaced other = new OrderPlaced(saleId + ".other", saleId, "u3", 1, stored.placedAt(), null);
		ApiIntegrationTestSupport.storeAsTheWorkerWould(dynamo, names.ordersTable(), List.of(other, stored));
		assertThat(api.getSale(saleId).number("confirmed")).isEqualTo(2);
	}

	@Test
	void redrivesTheDeadLetterQueueBackToTheOrdersQueue(ApiClient api, LocalAws.Names names, SqsClient sqs) {
		String dlqUrl = sqs.getQueueUrl((request) -> request.queueName(names.deadLetterQueue())).queueUrl();
		String queueUrl = sqs.getQueueUrl((request) -> request.queueName(names.ordersQueue())).queueUrl();
		ApiIntegrationTestSupport.drain(sqs, queueUrl);
		for (int i = 0; i < 15; i++) {
			String body = "dead-" + i;
			sqs.sendMessage((request) -> request.queueUrl(dlqUrl).messageBody(body));
		}
		assertThat(api.send(ApiClient.admin(api.request("/admin/dead-letters")).GET().build()).number("depth"))
			.isEqualTo(15);

		ApiClient.Answer redriven = api.send(ApiClient.admin(api.request("/admin/dead-letters/redrive"))
			.POST(java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());

		assertThat(redriven.status()).isEqualTo(200);
		assertThat(redriven.number("moved")).isEqualTo(15);
		assertThat(redriven.number("remaining")).isZero();
		List<String> moved = ApiIntegrationTestSupport.drain(sqs, queueUrl);
		assertThat(moved).hasSize(15).allSatisfy((body) -> assertThat(body).startsWith("dead-"));
	}

}
