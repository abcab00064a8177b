package dev.velocity.api.order.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.model.OrderBatch;
import dev.velocity.model.OrderPlaced;
import dev.velocity.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the worker's items: an order by its id (GetItem), a sale's orders from its pages
 * on the listing index ({@link OrderTable}).
 */
class DynamoDbConfirmedOrders implements ConfirmedOrders {

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
		// An order listed in two pages (a redelivery, a resend) is one order.
		Map<String, OrderPlaced> orders = new LinkedHashMap<>();
		for (QueryResponse page : this.client.queryPaginator((query) -> query.tableName(this.table)
			.indexName(OrderTable.LISTING_INDEX)
			.keyConditionExpression("#under = :sale")
			.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER))
			.expressionAttributeValues(Map.of(":sale", AttributeValue.fromS(saleId))))) {
			for (Map<String, AttributeValue> item : page.items()) {
				this.jsonMapper.readValue(item.get(OrderTable.PAGE_ORDERS).s(), OrderBatch.class)
					.orders()
					.forEach((order) -> orders.putIfAbsent(order.orderId(), order));
			}
		}
		return new ArrayList<>(orders.values());
	}

	@Override
	public long countBySale(String saleId) {
		return findBySale(saleId).size();
	}

}
