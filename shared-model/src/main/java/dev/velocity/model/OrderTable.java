package dev.velocity.model;

/**
 * The DynamoDB orders table, as the worker writes it and the API reads it: partition key
 * {@code orderId}, and a global secondary index on {@code saleId} sorted by
 * {@code placedAt}.
 */
public final class OrderTable {

	/** Partition key (S). */
	public static final String ORDER_ID = "orderId";

	/** The sale (S); the index's partition key. */
	public static final String SALE_ID = "saleId";

	/** The shopper (S). */
	public static final String USER_ID = "userId";

	/** Units (N). */
	public static final String QUANTITY = "quantity";

	/** When Redis accepted the order, ISO-8601 (S); the index's sort key. */
	public static final String PLACED_AT = "placedAt";

	/** The client's idempotency key (S), when there was one. */
	public static final String IDEMPOTENCY_KEY = "idempotencyKey";

	/** When the worker wrote the item, ISO-8601 (S). */
	public static final String PERSISTED_AT = "persistedAt";

	/** Name of the index on {@code saleId}. */
	public static final String SALE_INDEX = "saleId-placedAt-index";

	private OrderTable() {
	}

}
