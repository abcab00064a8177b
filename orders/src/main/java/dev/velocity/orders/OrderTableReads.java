package dev.velocity.orders;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the orders table that the API and the tests share. */
public final class OrderTableReads {

	/** BatchGetItem's limit. */
	private static final int MAX_GET_KEYS = 100;

	private static final Duration THROTTLED_PAUSE = Duration.ofMillis(50);

	private OrderTableReads() {
	}

	/**
	 * The keys of a sale's pages, from the listing index (which holds keys only).
	 * @param client a client
	 * @param table the orders table
	 * @param saleId the sale
	 * @return the pages' keys
	 */
	public static List<Map<String, AttributeValue>> pageKeys(DynamoDbClient client, String table, String saleId) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (QueryResponse page : client.queryPaginator((query) -> query.tableName(table)
			.indexName(OrderTable.LISTING_INDEX)
			.keyConditionExpression("#under = :sale")
			.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER))
			.expressionAttributeValues(Map.of(":sale", AttributeValue.fromS(saleId))))) {
			page.items().forEach((item) -> keys.add(OrderItems.key(item.get(OrderTable.ORDER_ID).s())));
		}
		return keys;
	}

	/**
	 * The orders each of a sale's pages lists (an order may be in more than one page).
	 * @param client a client
	 * @param table the orders table
	 * @param saleId the sale
	 * @param json how the orders were written
	 * @return each page's orders
	 */
	public static List<List<OrderPlaced>> pages(DynamoDbClient client, String table, String saleId, JsonMapper json) {
		List<List<OrderPlaced>> pages = new ArrayList<>();
		getAll(client, table, pageKeys(client, table, saleId), OrderTable.PAGE_ORDERS,
				(page) -> pages.add(OrderItems.pageOrders(page, json)));
		return pages;
	}

	/**
	 * Items by key, with consistent reads: BatchGetItem, 100 keys a call, until none is
	 * left unprocessed (pausing a moment when DynamoDB throttles).
	 * @param client a client
	 * @param table the table
	 * @param keys the items' keys
	 * @param projection the attributes to read, or {@code null} for all
	 * @param each takes every item found (a key with no item has none)
	 */
	public static void getAll(DynamoDbClient client, String table, List<Map<String, AttributeValue>> keys,
			String projection, Consumer<Map<String, AttributeValue>> each) {
		for (int from = 0; from < keys.size(); from += MAX_GET_KEYS) {
			List<Map<String, AttributeValue>> left = keys.subList(from, Math.min(keys.size(), from + MAX_GET_KEYS));
			while (!left.isEmpty()) {
				KeysAndAttributes request = KeysAndAttributes.builder()
					.keys(left)
					.projectionExpression(projection)
					.consistentRead(true)
					.build();
				BatchGetItemResponse response = client.batchGetItem((get) -> get.requestItems(Map.of(table, request)));
				response.responses().getOrDefault(table, List.of()).forEach(each);
				KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
				left = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys() : List.of();
				if (!left.isEmpty()) {
					LockSupport.parkNanos(THROTTLED_PAUSE.toNanos());
				}
			}
		}
	}

}
