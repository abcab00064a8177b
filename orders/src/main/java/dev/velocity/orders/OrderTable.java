package dev.velocity.orders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The DynamoDB orders table, as the worker writes it and the API reads it: partition key
 * {@code orderId}, one item per order, and a sparse listing index on {@code listedUnder},
 * sorted by {@code listedAs}, holding only the items that carry both.
 *
 * <p>
 * Orders are not in the index: an order's second (index) write would double the cost of
 * the drain, and every order of a sale would land on one hot index partition. Instead the
 * worker lists a sale's orders in <em>pages</em>: one item per sale and batch of up to
 * {@link #MAX_PAGE_ORDERS} orders, holding them as an {@link OrderBatch} JSON, written
 * after the orders themselves. An order can be in more than one page (a redelivery, a
 * resend); readers take each {@code orderId} once. Sale definitions are listed under
 * {@link #SALES}.
 */
public final class OrderTable {

	/** Partition key (S). */
	public static final String ORDER_ID = "orderId";

	/** The sale (S). */
	public static final String SALE_ID = "saleId";

	/** The shopper (S). */
	public static final String USER_ID = "userId";

	/** Units (N). */
	public static final String QUANTITY = "quantity";

	/** When Redis accepted the order, ISO-8601 (S). */
	public static final String PLACED_AT = "placedAt";

	/** The client's idempotency key (S), when there was one. */
	public static final String IDEMPOTENCY_KEY = "idempotencyKey";

	/** When the worker wrote the item, ISO-8601 (S). */
	public static final String PERSISTED_AT = "persistedAt";

	/**
	 * The listing index's partition key (S): a sale's id, or {@link #SALES},
	 * {@link #DRAFTS} or {@link #ARCHIVED_SALES}.
	 */
	public static final String LISTED_UNDER = "listedUnder";

	/** The listing index's sort key (S). */
	public static final String LISTED_AS = "listedAs";

	/** A page's orders (S): an {@link OrderBatch} as JSON. */
	public static final String PAGE_ORDERS = "orders";

	/** The index on {@code listedUnder} and {@code listedAs}. */
	public static final String LISTING_INDEX = "listedUnder-listedAs-index";

	/**
	 * What the definitions of sales Redis has are listed under; no sale id starts with an
	 * underscore.
	 */
	public static final String SALES = "_sales";

	/** What drafts are listed under. */
	public static final String DRAFTS = "_drafts";

	/** What archived sales are listed under. */
	public static final String ARCHIVED_SALES = "_archived";

	/**
	 * Orders in one page at most: a page stays far below DynamoDB's 400 KB item limit.
	 */
	public static final int MAX_PAGE_ORDERS = 100;

	private OrderTable() {
	}

	/**
	 * Where a page is listed: sorted by its first order's time, then by a digest of its
	 * order ids, so that writing the same orders again writes the same item, and other
	 * orders never overwrite it.
	 * @param orders the page's orders, of one sale, at least one
	 * @return the page's {@code listedAs}
	 */
	public static String pageListedAs(List<OrderPlaced> orders) {
		StringBuilder ids = new StringBuilder();
		Instant first = orders.get(0).placedAt();
		for (OrderPlaced order : orders) {
			ids.append(order.orderId()).append('\n');
			if (order.placedAt().isBefore(first)) {
				first = order.placedAt();
			}
		}
		return first + "#" + UUID.nameUUIDFromBytes(ids.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A page's key.
	 * @param saleId the sale
	 * @param listedAs the page's {@link #pageListedAs}
	 * @return its {@code orderId}
	 */
	public static String pageKey(String saleId, String listedAs) {
		return "page#" + saleId + "#" + listedAs;
	}

}
