package dev.velocity.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.velocity.localservers.LocalAws;
import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderItems;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the API's integration tests share beyond {@link UsesRealServers}: the API's
 * settings for a test class's servers, more API instances on them, and the worker's part
 * played by hand.
 */
public final class ApiIntegrationTestSupport {

	private ApiIntegrationTestSupport() {
	}

	/**
	 * The API's settings on a test class's servers: its Redis, queue, DLQ and table, the
	 * shared test issuer's tokens, and loopback trusted as the load balancer (each test
	 * shopper's address rides in {@code X-Forwarded-For}).
	 * @param servers the class's servers
	 * @return property names and values
	 */
	public static Map<String, String> properties(ClassServers servers) {
		Map<String, String> properties = new LinkedHashMap<>();
		if (servers.redisCluster() != null) {
			properties.put("spring.data.redis.cluster.nodes", String.join(",", servers.redisCluster().addresses()));
		}
		else {
			properties.put("spring.data.redis.host", "127.0.0.1");
			properties.put("spring.data.redis.port", String.valueOf(servers.redis().port()));
		}
		properties.put("velocity.sqs.endpoint", servers.sqsEndpoint().toString());
		properties.put("velocity.sqs.orders-queue", servers.names().ordersQueue());
		properties.put("velocity.sqs.dead-letter-queue", servers.names().deadLetterQueue());
		properties.put("velocity.dynamodb.endpoint", servers.dynamoDbEndpoint().toString());
		properties.put("velocity.dynamodb.orders-table", servers.names().ordersTable());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", servers.issuer().issuer().toString());
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				servers.issuer().jwkSetUri().toString());
		properties.put("velocity.http.trusted-proxies", "127.0.0.1/32");
		return properties;
	}

	/**
	 * Starts one more API instance on a test class's servers and a free port (for
	 * multi-instance tests); close it when done.
	 * @param servers the class's servers
	 * @param moreArgs more settings, as {@code --name=value}
	 * @return the running context; its port is {@code local.server.port}
	 */
	public static ConfigurableApplicationContext startInstance(ClassServers servers, String... moreArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0"));
		properties(servers).forEach((name, value) -> args.add("--" + name + "=" + value));
		args.addAll(List.of(moreArgs));
		return new SpringApplicationBuilder(VelocityApiApplication.class).run(args.toArray(String[]::new));
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * An archived sale (stock 5) with one order bought with an idempotency key: bought,
	 * closed, stored as the worker would, archived.
	 * @param api the API
	 * @param servers the test class's servers
	 * @param saleId the sale
	 * @param shopper who bought
	 * @param key the purchase's idempotency key
	 * @return the order's id
	 */
	public static String archivedSaleWithKeyedOrder(ApiClient api, ClassServers servers, String saleId, String shopper,
			String key) {
		api.putSale(saleId, openSale(5, null));
		ApiClient.Answer bought = api.buyAsync(saleId, shopper, 1, key).join();
		assertThat(bought.status()).isEqualTo(200);
		assertThat(api.adminPost("/admin/sales/" + saleId + "/close").status()).isEqualTo(200);
		persistAsTheWorkerWould(api, servers, Map.of(bought.text("orderId"), key));
		assertThat(api.adminPost("/admin/sales/" + saleId + "/archive").text("state")).isEqualTo("ARCHIVED");
		return bought.text("orderId");
	}

	/**
	 * Writes orders to the store and empties the queue, as a worker would have (for tests
	 * without one).
	 * @param api the API (to read the orders)
	 * @param servers the test class's servers (its table and queue)
	 * @param orders order ids and their idempotency keys ({@code null} for none)
	 */
	public static void persistAsTheWorkerWould(ApiClient api, ClassServers servers, Map<String, String> orders) {
		String table = servers.names().ordersTable();
		try (DynamoDbClient dynamo = LocalAws.dynamoDb(servers.dynamoDbEndpoint());
				SqsClient sqs = LocalAws.sqs(servers.sqsEndpoint())) {
			String saleId = null;
			List<OrderPlaced> placed = new java.util.ArrayList<>();
			for (Map.Entry<String, String> entry : orders.entrySet()) {
				ApiClient.Answer order = api.getOrder(entry.getKey());
				saleId = order.text("saleId");
				placed.add(new OrderPlaced(entry.getKey(), saleId, order.text("userId"), (int) order.number("quantity"),
						java.time.Instant.parse(order.text("placedAt")), entry.getValue()));
			}
			storeAsTheWorkerWould(dynamo, table, placed);
			String sale = saleId;
			// Once the API has its acknowledgements, nothing of the sale is left to send:
			// empty the queue.
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(15))
				.until(() -> api.getSale(sale).number("pendingHandOff") == 0);
			String url = sqs.getQueueUrl((request) -> request.queueName(servers.names().ordersQueue())).queueUrl();
			sqs.purgeQueue((request) -> request.queueUrl(url));
		}
	}

	/**
	 * Writes orders as the worker does: one item each, then one page listing them (all of
	 * one sale).
	 * @param dynamo a client
	 * @param table the orders table
	 * @param orders the orders, at least one
	 */
	public static void storeAsTheWorkerWould(DynamoDbClient dynamo, String table, List<OrderPlaced> orders) {
		java.time.Instant now = java.time.Instant.now();
		for (OrderPlaced order : orders) {
			dynamo.putItem((put) -> put.tableName(table).item(OrderItems.item(order, now)));
		}
		dynamo.putItem((put) -> put.tableName(table)
			.item(OrderItems.page(orders.get(0).saleId(), orders, JsonMapper.builder().build())));
	}

	public static String uniqueSaleId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public static Map<String, Object> openSale(long stock, Long perUserLimit) {
		return (perUserLimit != null) ? Map.of("name", "Test sale", "stock", stock, "perUserLimit", perUserLimit)
				: Map.of("name", "Test sale", "stock", stock);
	}

	/**
	 * Drains every message of a queue (receiving with a long visibility timeout, so none
	 * is seen twice).
	 * @param sqs a client
	 * @param queueUrl the queue
	 * @return the message bodies
	 */
	public static List<String> drain(SqsClient sqs, String queueUrl) {
		List<String> bodies = new java.util.ArrayList<>();
		while (true) {
			ReceiveMessageResponse response = sqs.receiveMessage((request) -> request.queueUrl(queueUrl)
				.maxNumberOfMessages(10)
				.visibilityTimeout(300)
				.waitTimeSeconds(1));
			if (!response.hasMessages() || response.messages().isEmpty()) {
				return bodies;
			}
			for (Message message : response.messages()) {
				bodies.add(message.body());
			}
		}
	}

	/**
	 * Drains every message of a queue, as {@link #drain}, and returns the orders they
	 * carry (each message is an {@code OrderBatch}).
	 * @param sqs a client
	 * @param queueUrl the queue
	 * @return the orders, as JSON
	 */
	public static List<JsonNode> drainOrders(SqsClient sqs, String queueUrl) {
		List<JsonNode> orders = new java.util.ArrayList<>();
		for (String body : drain(sqs, queueUrl)) {
			JsonMapper.shared().readTree(body).get(OrderBatch.ORDERS).forEach(orders::add);
		}
		return orders;
	}

	/**
	 * Subscribes a real STOMP client to a sale's stock topic.
	 * @param port the API's port
	 * @param saleId the sale
	 * @param seen receives every snapshot
	 * @return the session, to disconnect when done
	 * @throws Exception when it cannot connect within 10 s
	 */
	public static org.springframework.messaging.simp.stomp.StompSession subscribeToStock(int port, String saleId,
			List<dev.velocity.api.live.StockSnapshot> seen) throws Exception {
		return subscribe(port, "/topic/stock/" + saleId, dev.velocity.api.live.StockSnapshot.class, seen);
	}

	/** A STOMP client of an instance's {@code /ws}, subscribed, adding what it hears. */
	public static <T> org.springframework.messaging.simp.stomp.StompSession subscribe(int port, String destination,
			Class<T> type, List<T> seen) throws Exception {
		var client = new org.springframework.web.socket.messaging.WebSocketStompClient(
				new org.springframework.web.socket.client.standard.StandardWebSocketClient());
		client.setMessageConverter(new org.springframework.messaging.converter.JacksonJsonMessageConverter());
		var session = client.connectAsync("ws://127.0.0.1:" + port + "/ws",
				new org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter() {
				})
			.get(10, java.util.concurrent.TimeUnit.SECONDS);
		session.subscribe(destination, new org.springframework.messaging.simp.stomp.StompFrameHandler() {

			@Override
			public java.lang.reflect.Type getPayloadType(
					org.springframework.messaging.simp.stomp.StompHeaders headers) {
				return type;
			}

			@Override
			public void handleFrame(org.springframework.messaging.simp.stomp.StompHeaders headers, Object payload) {
				seen.add(type.cast(payload));
			}

		});
		return session;
	}

}
