package dev.velocity.orders;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orders table's items ({@link OrderTable}): an order's own item and the pages that
 * list a sale's orders. The worker writes them with these, the API reads them with these,
 * and tests that stand in for the worker write exactly what it writes.
 */
public final class OrderItems {

	private OrderItems() {
	}

	/**
	 * An item's key.
	 * @param orderId the partition key: an order id, or a page's or sale's key
	 * @return the key
	 */
	public static Map<String, AttributeValue> key(String orderId) {
		return Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(orderId));
	}

	/**
	 * An order's item.
	 * @param order the order
	 * @param persistedAt when the worker writes it
	 * @return the item
	 */
	public static Map<String, AttributeValue> item(OrderPlaced order, Instant persistedAt) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(OrderTable.ORDER_ID, AttributeValue.fromS(order.orderId()));
		item.put(OrderTable.SALE_ID, AttributeValue.fromS(order.saleId()));
		item.put(OrderTable.USER_ID, AttributeValue.fromS(order.userId()));
		item.put(OrderTable.QUANTITY, AttributeValue.fromN(String.valueOf(order.quantity())));
		item.put(OrderTable.PLACED_AT, AttributeValue.fromS(order.placedAt().toString()));
		item.put(OrderTable.PERSISTED_AT, AttributeValue.fromS(persistedAt.toString()));
		if (order.idempotencyKey() != null) {
			item.put(OrderTable.IDEMPOTENCY_KEY, AttributeValue.fromS(order.idempotencyKey()));
		}
		return item;
	}

	/**
	 * The order an order's item holds.
	 * @param item an item written by {@link #item}
	 * @return the order
	 */
	public static OrderPlaced order(Map<String, AttributeValue> item) {
		AttributeValue idempotencyKey = item.get(OrderTable.IDEMPOTENCY_KEY);
		return new OrderPlaced(item.get(OrderTable.ORDER_ID).s(), item.get(OrderTable.SALE_ID).s(),
				item.get(OrderTable.USER_ID).s(), Integer.parseInt(item.get(OrderTable.QUANTITY).n()),
				Instant.parse(item.get(OrderTable.PLACED_AT).s()),
				(idempotencyKey != null) ? idempotencyKey.s() : null);
	}

	/**
	 * A page listing orders of one sale, keyed by a digest of them
	 * ({@link OrderTable#pageListedAs}): the same orders always make the same item.
	 * @param saleId the sale
	 * @param orders its orders, at least one and at most
	 * {@link OrderTable#MAX_PAGE_ORDERS}
	 * @param json how the orders are written
	 * @return the item
	 */
	public static Map<String, AttributeValue> page(String saleId, List<OrderPlaced> orders, JsonMapper json) {
		String listedAs = OrderTable.pageListedAs(orders);
		return Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(OrderTable.pageKey(saleId, listedAs)),
				OrderTable.LISTED_UNDER, AttributeValue.fromS(saleId), OrderTable.LISTED_AS,
				AttributeValue.fromS(listedAs), OrderTable.PAGE_ORDERS,
				AttributeValue.fromS(json.writeValueAsString(new OrderBatch(orders))));
	}

	/**
	 * The orders a page lists.
	 * @param page a page written by {@link #page} (at least its
	 * {@link OrderTable#PAGE_ORDERS})
	 * @param json how the orders were written
	 * @return the orders
	 */
	public static List<OrderPlaced> pageOrders(Map<String, AttributeValue> page, JsonMapper json) {
		return json.readValue(page.get(OrderTable.PAGE_ORDERS).s(), OrderBatch.class).orders();
	}

}
