package dev.velocity.worker.order.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.velocity.model.OrderPlaced;
import dev.velocity.model.OrderTable;
import dev.velocity.worker.order.OrderStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One conditional PutItem per order ({@code attribute_not_exists(orderId)}): the first
 * write of an order wins, and a redelivery's write fails its condition, which counts as
 * done. No transactions (dynalite has none, and one item needs none).
 */
class DynamoDbOrderStore implements OrderStore {

	private static final String NOT_YET_STORED = "attribute_not_exists(" + OrderTable.ORDER_ID + ")";

	private final DynamoDbAsyncClient client;

	private final String table;

	DynamoDbOrderStore(DynamoDbAsyncClient client, String table) {
		this.client = client;
		this.table = table;
	}

	@Override
	public CompletableFuture<Saved> save(OrderPlaced order) {
		return this.client
			.putItem((put) -> put.tableName(this.table).item(item(order)).conditionExpression(NOT_YET_STORED))
			.handle((response, error) -> {
				if (error == null) {
					return Saved.CREATED;
				}
				Throwable cause = (error instanceof CompletionException) ? error.getCause() : error;
				if (cause instanceof ConditionalCheckFailedException) {
					return Saved.ALREADY_PRESENT;
				}
				throw (error instanceof CompletionException completion) ? completion : new CompletionException(error);
			});
	}

	static Map<String, AttributeValue> item(OrderPlaced order) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(OrderTable.ORDER_ID, AttributeValue.fromS(order.orderId()));
		item.put(OrderTable.SALE_ID, AttributeValue.fromS(order.saleId()));
		item.put(OrderTable.USER_ID, AttributeValue.fromS(order.userId()));
		item.put(OrderTable.QUANTITY, AttributeValue.fromN(String.valueOf(order.quantity())));
		item.put(OrderTable.PLACED_AT, AttributeValue.fromS(order.placedAt().toString()));
		item.put(OrderTable.PERSISTED_AT, AttributeValue.fromS(Instant.now().toString()));
		if (order.idempotencyKey() != null) {
			item.put(OrderTable.IDEMPOTENCY_KEY, AttributeValue.fromS(order.idempotencyKey()));
		}
		return item;
	}

}
