package dev.velocity.api.order.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.model.OrderPlaced;
import dev.velocity.model.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Reads the worker's items: GetItem by order id, and a COUNT query on the sale index. */
class DynamoDbConfirmedOrders implements ConfirmedOrders {

	private final DynamoDbClient client;

	private final String table;

	DynamoDbConfirmedOrders(DynamoDbClient client, String table) {
		this.client = client;
		this.table = table;
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
		List<OrderPlaced> orders = new ArrayList<>();
		for (QueryResponse page : bySale(saleId, (query) -> {
		})) {
			page.items().forEach((item) -> orders.add(toOrder(item)));
		}
		return orders;
	}

	@Override
	public long countBySale(String saleId) {
		long count = 0;
		for (QueryResponse page : bySale(saleId, (query) -> query.select(Select.COUNT))) {
			count += page.count();
		}
		return count;
	}

	/** The pages of a query on the sale index for one sale. */
	private Iterable<QueryResponse> bySale(String saleId, Consumer<QueryRequest.Builder> more) {
		return this.client.queryPaginator((query) -> more.accept(query.tableName(this.table)
			.indexName(OrderTable.SALE_INDEX)
			.keyConditionExpression("#sale = :sale")
			.expressionAttributeNames(Map.of("#sale", OrderTable.SALE_ID))
			.expressionAttributeValues(Map.of(":sale", AttributeValue.fromS(saleId)))));
	}

}
