package dev.velocity.worker;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.velocity.localservers.LocalAws;
import dev.velocity.testsupport.SharedServers;
import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderItems;
import dev.velocity.orders.OrderTableReads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A fresh queue (with its DLQ) and table on real servers, and workers started on them as
 * the tests need: started, stopped and started again within one test.
 */
final class WorkerFixture implements AutoCloseable {

	static final int MAX_RECEIVE_COUNT = 3;

	private static final JsonMapper json = JsonMapper.builder().build();

	final LocalAws.Names names;

	final URI sqsEndpoint;

	final URI dynamoEndpoint;

	final SqsClient sqs;

	final DynamoDbClient dynamo;

	final String queueUrl;

	final String deadLetterUrl;

	WorkerFixture(URI sqsEndpoint, URI dynamoEndpoint) {
		LocalAws.useLocalCredentials();
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.names = new LocalAws.Names("orders-" + suffix, "orders-" + suffix + "-dlq", "orders-" + suffix,
				MAX_RECEIVE_COUNT, Duration.ofSeconds(2));
		this.sqsEndpoint = sqsEndpoint;
		this.dynamoEndpoint = dynamoEndpoint;
		this.sqs = LocalAws.sqs(sqsEndpoint);
		this.dynamo = LocalAws.dynamoDb(dynamoEndpoint);
		this.queueUrl = LocalAws.createQueues(this.sqs, this.names);
		this.deadLetterUrl = this.sqs.getQueueUrl((request) -> request.queueName(this.names.deadLetterQueue()))
			.queueUrl();
		LocalAws.createOrdersTable(this.dynamo, this.names);
	}

	static WorkerFixture onSharedServers() {
		return new WorkerFixture(SharedServers.elasticMq().endpoint(), SharedServers.dynalite().endpoint());
	}

	ConfigurableApplicationContext startWorker(String... extraProperties) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("velocity.worker.queue.endpoint", this.sqsEndpoint.toString());
		properties.put("velocity.worker.queue.orders-queue", this.names.ordersQueue());
		properties.put("velocity.worker.queue.dead-letter-queue", this.names.deadLetterQueue());
		properties.put("velocity.worker.queue.max-receive-count", MAX_RECEIVE_COUNT);
		properties.put("velocity.worker.queue.wait-time", "1s");
		properties.put("velocity.worker.queue.pollers", "4");
		properties.put("velocity.worker.dynamodb.endpoint", this.dynamoEndpoint.toString());
		properties.put("velocity.worker.dynamodb.orders-table", this.names.ordersTable());
		properties.put("velocity.worker.dynamodb.api-call-timeout", "1500ms");
		for (String property : extraProperties) {
			String[] pair = property.split("=", 2);
			properties.put(pair[0], pair[1]);
		}
		// Command-line arguments, so they win over application.yml.
		String[] args = properties.entrySet()
			.stream()
			.map((entry) -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		return new SpringApplicationBuilder(OrderWorkerApplication.class).run(args);
	}

	static OrderPlaced order(String saleId, int n) {
		return new OrderPlaced(saleId + "." + UUID.randomUUID(), saleId, "user-" + n, 1, Instant.now(), null);
	}

	void send(OrderPlaced order) {
		sendRaw(json.writeValueAsString(order));
	}

	void sendBatch(List<OrderPlaced> orders) {
		sendRaw(json.writeValueAsString(new OrderBatch(orders)));
	}

	/** Sends a batch the way the API sends new orders: marked as first sends. */
	void sendFirstSends(List<OrderPlaced> orders) {
		this.sqs.sendMessage((request) -> request.queueUrl(this.queueUrl)
			.messageBody(json.writeValueAsString(new OrderBatch(orders)))
			.messageAttributes(Map.of(OrderBatch.FIRST_SENDS,
					MessageAttributeValue.builder().dataType("String").stringValue("true").build())));
	}

	void sendRaw(String body) {
		this.sqs.sendMessage((request) -> request.queueUrl(this.queueUrl).messageBody(body));
	}

	void sendAll(List<OrderPlaced> orders) {
		for (int i = 0; i < orders.size(); i += 10) {
			List<OrderPlaced> batch = orders.subList(i, Math.min(i + 10, orders.size()));
			this.sqs.sendMessageBatch((request) -> request.queueUrl(this.queueUrl)
				.entries(batch.stream()
					.map((order) -> software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry.builder()
						.id(String.valueOf(batch.indexOf(order)))
						.messageBody(json.writeValueAsString(order))
						.build())
					.toList()));
		}
	}

	/** Order items in the table (pages, which list orders, are not counted). */
	long itemCount() {
		long count = 0;
		for (ScanResponse page : this.dynamo.scanPaginator((request) -> request.tableName(this.names.ordersTable())
			.select(Select.COUNT)
			.filterExpression("attribute_not_exists(#under)")
			.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER)))) {
			count += page.count();
		}
		return count;
	}

	/** The orders each of a sale's pages lists. */
	List<List<OrderPlaced>> pages(String saleId) {
		return OrderTableReads.pages(this.dynamo, this.names.ordersTable(), saleId, json);
	}

	Map<String, AttributeValue> item(String orderId) {
		return this.dynamo
			.getItem((request) -> request.tableName(this.names.ordersTable())
				.key(OrderItems.key(orderId))
				.consistentRead(true))
			.item();
	}

	/** Messages in the queue, visible or in flight. */
	long queueDepth(String url) {
		return LocalAws.queueDepth(this.sqs, url);
	}

	@Override
	public void close() {
		this.sqs.close();
		this.dynamo.close();
	}

}
