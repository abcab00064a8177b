package dev.velocity.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.velocity.localstack.LocalAws;
import dev.velocity.localstack.SharedServers;
import dev.velocity.model.OrderBatch;
import dev.velocity.model.OrderPlaced;
import dev.velocity.ordertable.OrderItems;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Wires a Spring context of the API to the shared real servers. */
public final class ApiIntegrationTestSupport {

	private ApiIntegrationTestSupport() {
	}

	/**
	 * Points the API at the shared Redis and ElasticMQ, with its own fresh queue.
	 * @param registry the context's properties
	 * @param queueName the queue to create and use
	 */
	public static void sharedServers(DynamicPropertyRegistry registry, String queueName) {
		SharedServers.useLocalAwsCredentials();
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> SharedServers.redis().port());
		registry.add("velocity.sqs.endpoint", () -> SharedServers.elasticMq().endpoint().toString());
		registry.add("velocity.sqs.orders-queue", () -> createQueueAndTable(queueName));
		registry.add("velocity.sqs.dead-letter-queue", () -> queueName + "-dlq");
		registry.add("velocity.dynamodb.endpoint", () -> SharedServers.dynalite().endpoint().toString());
		registry.add("velocity.dynamodb.orders-table", () -> queueName);
		registry.add("velocity.admin.token", () -> ApiClient.ADMIN_TOKEN);
	}

	/** Names of the queue, its DLQ and the orders table of a test context. */
	public static LocalAws.Names names(String queueName) {
		return new LocalAws.Names(queueName, queueName + "-dlq", queueName, 5, java.time.Duration.ofSeconds(30));
	}

	static String createQueueAndTable(String queueName) {
		try (SqsClient sqs = LocalAws.sqs(SharedServers.elasticMq().endpoint());
				DynamoDbClient dynamo = LocalAws.dynamoDb(SharedServers.dynalite().endpoint())) {
			LocalAws.createQueues(sqs, names(queueName));
			LocalAws.createOrdersTable(dynamo, names(queueName));
		}
		return queueName;
	}

	/**
	 * Starts one more API instance on the shared servers and a free port (for
	 * multi-instance tests); close it when done.
	 * @param queueName the queue (and table) it uses
	 * @return the running context; its port is {@code local.server.port}
	 */
	public static ConfigurableApplicationContext startInstance(String queueName) {
		SharedServers.useLocalAwsCredentials();
		createQueueAndTable(queueName);
		return new SpringApplicationBuilder(VelocityApiApplication.class).run("--server.port=0",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + SharedServers.redis().port(),
				"--velocity.sqs.endpoint=" + SharedServers.elasticMq().endpoint(),
				"--velocity.sqs.orders-queue=" + queueName, "--velocity.sqs.dead-letter-queue=" + queueName + "-dlq",
				"--velocity.dynamodb.endpoint=" + SharedServers.dynalite().endpoint(),
				"--velocity.dynamodb.orders-table=" + queueName, "--velocity.admin.token=" + ApiClient.ADMIN_TOKEN);
	}

	public static int port(ConfigurableApplicationContext context) {
		return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	/**
	 * Writes orders to the store and empties the queue, as a worker would have (for tests
	 * without one).
	 * @param api the API (to read the orders)
	 * @param table the orders table
	 * @param orders order ids and their idempotency keys ({@code null} for none)
	 */
	public static void persistAsTheWorkerWould(ApiClient api, String table, Map<String, String> orders) {
		try (DynamoDbClient dynamo = LocalAws.dynamoDb(SharedServers.dynalite().endpoint());
				SqsClient sqs = LocalAws.sqs(SharedServers.elasticMq().endpoint())) {
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
			String url = sqs.getQueueUrl((request) -> request.queueName(table)).queueUrl();
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

}
