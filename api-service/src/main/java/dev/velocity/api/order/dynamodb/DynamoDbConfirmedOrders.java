package dev.velocity.api.order.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.model.OrderBatch;
import dev.velocity.model.OrderPlaced;
import dev.velocity.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the worker's items: an order by its id (GetItem), a sale's orders from its pages
 * (their keys from the listing index, then BatchGetItem; {@link OrderTable}).
 */
class DynamoDbConfirmedOrders implements ConfirmedOrders {

	/** BatchGetItem's limit. */
	private static final int MAX_GET_KEYS = 100;

	private final DynamoDbClient client;

	private final String table;

	private final JsonMapper jsonMapper;

	DynamoDbConfirmedOrders(DynamoDbClient client, String table, JsonMapper jsonMapper) {
		this.client = client;
		this.table = table;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public Optional<OrderPlaced> find(String orderId) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(orderId)))
				.consistentRead(true))
			.item();
		if (item == null || item.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(toOrder(item));
	}

	private static OrderPlaced toOrder(Map<String, AttributeValue> item) {
		AttributeValue idempotencyKey = item.get(OrderTable.IDEMPOTENCY_KEY);
		return (new OrderPlaced(item.get(OrderTable.ORDER_ID).s(), item.get(OrderTable.SALE_ID).s(),
				item.get(OrderTable.USER_ID).s(), Integer.parseInt(item.get(OrderTable.QUANTITY).n()),
				Instant.parse(item.get(OrderTable.PLACED_AT).s()),
				(idempotencyKey != null) ? idempotencyKey.s() : null));
	}

	@Override
	public List<OrderPlaced> findBySale(String saleId) {
		// The index holds the pages' keys; the pages themselves are read by key, 100 a
		// call. An order listed in two pages (a redelivery, a resend) is one order.
		List<Map<String, AttributeValue>> pageKeys = new ArrayList<>();
		for (QueryResponse page : this.client.queryPaginator((query) -> query.tableName(this.table)
			.indexName(OrderTable.LISTING_INDEX)
			.keyConditionExpression("#under = :sale")
			.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER))
			.expressionAttributeValues(Map.of(":sale", AttributeValue.fromS(saleId))))) {
			page.items().forEach((item) -> pageKeys.add(Map.of(OrderTable.ORDER_ID, item.get(OrderTable.ORDER_ID))));
		}
		Map<String, OrderPlaced> orders = new LinkedHashMap<>();
		for (int from = 0; from < pageKeys.size(); from += MAX_GET_KEYS) {
			KeysAndAttributes keys = KeysAndAttributes.builder()
				.keys(pageKeys.subList(from, Math.min(pageKeys.size(), from + MAX_GET_KEYS)))
				.projectionExpression(OrderTable.PAGE_ORDERS)
				.consistentRead(true)
				.build();
			while (keys != null && keys.hasKeys() && !keys.keys().isEmpty()) {
				KeysAndAttributes request = keys;
				BatchGetItemResponse response = this.client
					.batchGetItem((get) -> get.requestItems(Map.of(this.table, request)));
				for (Map<String, AttributeValue> item : response.responses().getOrDefault(this.table, List.of())) {
					this.jsonMapper.readValue(item.get(OrderTable.PAGE_ORDERS).s(), OrderBatch.class)
						.orders()
						.forEach((order) -> orders.putIfAbsent(order.orderId(), order));
				}
				keys = response.unprocessedKeys().get(this.table);
				if (keys != null && keys.hasKeys() && !keys.keys().isEmpty()) {
					// Throttled: the rest a moment later.
					LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
				}
			}
		}
		return new ArrayList<>(orders.values());
	}

	@Override
	public long countBySale(String saleId) {
		return findBySale(saleId).size();
	}

}
