package dev.velocity.api.order.dynamodb;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import dev.velocity.api.dynamodb.DynamoDbProperties;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.KeptIdempotencyKeys;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.redis.SaleKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.stereotype.Component;

/**
 * One item per kept key, {@code key#<saleId>#<userId> <key>}, naming its order: PutItem
 * only (the API's role may not batch-write), a GetItem and the order's own GetItem to
 * answer. No sale id holds {@code #}, so no key item is a sale's or an order's.
 */
@Component
class DynamoDbKeptIdempotencyKeys implements KeptIdempotencyKeys {

	private static final String ORDER = "order";

	private final DynamoDbClient client;

	private final String table;

	private final ConfirmedOrders confirmed;

	DynamoDbKeptIdempotencyKeys(DynamoDbClient client, DynamoDbProperties properties, ConfirmedOrders confirmed) {
		this.client = client;
		this.table = properties.ordersTable();
		this.confirmed = confirmed;
	}

	@Override
	public int keep(Collection<OrderPlaced> orders) {
		int kept = 0;
		for (OrderPlaced order : orders) {
			if (order.idempotencyKey() == null) {
				continue;
			}
			this.client.putItem((put) -> put.tableName(this.table)
				.item(Map.of(OrderTable.ORDER_ID,
						AttributeValue.fromS(key(order.saleId(), order.userId(), order.idempotencyKey())), ORDER,
						AttributeValue.fromS(order.orderId()))));
			kept++;
		}
		return kept;
	}

	@Override
	public Optional<OrderPlaced> find(String saleId, String userId, String idempotencyKey) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId, userId, idempotencyKey))))
				.consistentRead(true))
			.item();
		if (item == null || !item.containsKey(ORDER)) {
			return Optional.empty();
		}
		return this.confirmed.find(item.get(ORDER).s());
	}

	private static String key(String saleId, String userId, String idempotencyKey) {
		return "key#" + saleId + "#" + SaleKeys.idempotencyField(userId, idempotencyKey);
	}

}
