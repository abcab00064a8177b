package dev.velocity.api.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.velocity.localservers.LocalAws;
import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.redis.SaleKeys;
import dev.velocity.testsupport.SharedServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The bench's floor does a purchase's whole work against a real Redis and ElasticMQ:
 * {@code loadtest/ab.sh} compares the API with it, which means nothing if it skips a
 * step.
 */
class FloorPurchaseIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void takesTheStockThroughTheApisScriptSendsEachOrderAndEmptiesTheOutbox() throws Exception {
		LocalAws.useLocalCredentials();
		URI sqsEndpoint = SharedServers.elasticMq().endpoint();
		String queue = "floor-" + UUID.randomUUID();
		String saleId = "floor-" + UUID.randomUUID();
		SaleKeys keys = SaleKeys.of(saleId);
		RedisURI redisUri = RedisURI.create(SharedServers.redis().url());
		RedisClient redisClient = RedisClient.create(redisUri);
		try (SqsClient sqs = LocalAws.sqs(sqsEndpoint);
				StatefulRedisConnection<String, String> redis = redisClient.connect();
				FloorPurchase floor = FloorPurchase.start(0, redisUri, sqsEndpoint, queue)) {
			String queueUrl = sqs.createQueue((create) -> create.queueName(queue)).queueUrl();
			redis.sync().hset(keys.sale(), "remaining", "2");

			List<Integer> statuses = new ArrayList<>();
			for (String shopper : List.of("ann", "bob", "cy")) {
				statuses.add(buy(floor.port(), saleId, shopper).statusCode());
			}

			assertThat(statuses).containsExactly(200, 200, 409);
			assertThat(redis.sync().hget(keys.sale(), "remaining")).isEqualTo("0");
			List<OrderPlaced> sent = new ArrayList<>();
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				for (Message message : sqs.receiveMessage(
						(receive) -> receive.queueUrl(queueUrl).maxNumberOfMessages(10).messageAttributeNames("All"))
					.messages()) {
					assertThat(message.messageAttributes()).containsKey(OrderBatch.FIRST_SENDS);
					sent.addAll(json.readValue(message.body(), OrderBatch.class).orders());
				}
				assertThat(sent).extracting(OrderPlaced::userId).containsExactlyInAnyOrder("ann", "bob");
			});
			assertThat(sent).allSatisfy((order) -> assertThat(order.saleId()).isEqualTo(saleId));
			assertThat(redis.sync().hkeys(keys.orders()))
				.containsExactlyInAnyOrderElementsOf(sent.stream().map(OrderPlaced::orderId).toList());
			await().atMost(Duration.ofSeconds(5)).until(() -> redis.sync().zcard(keys.outbox()) == 0);
		}
		finally {
			redisClient.shutdown();
		}
	}

	/** A purchase as a signed-in shopper behind the load balancer sends it. */
	private static HttpResponse<String> buy(int port, String saleId, String shopper) throws Exception {
		try (HttpClient http = HttpClient.newHttpClient()) {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/buy"))
				.header("Authorization", "Bearer " + SharedServers.issuer().shopperToken(shopper))
				.header("X-Forwarded-For", "10.0.0.1")
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + saleId + "\",\"quantity\":1}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
	}

}
