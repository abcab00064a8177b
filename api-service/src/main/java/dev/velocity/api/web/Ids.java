package dev.velocity.api.web;

/** Shapes and bounds of identifiers and amounts shared by every service. */
public final class Ids {

	/**
	 * Sale ids are URL- and Redis-key-safe: no braces (they would break the hash tag) and
	 * no dot (it separates the sale id inside an order id).
	 */
	public static final String SALE_ID_PATTERN = "[A-Za-z0-9][A-Za-z0-9_-]{0,63}";

	/** Longest accepted user id. */
	public static final int MAX_USER_ID_LENGTH = 128;

	/**
	 * A shopper id (a token's subject): visible ASCII, no space and no control character,
	 * as every identity provider's ids are; it is a Redis hash field and goes into logs.
	 */
	public static final String SHOPPER_ID_PATTERN = "[\\x21-\\x7E]{1," + MAX_USER_ID_LENGTH + "}";

	/** Most units one request may ask for. */
	public static final long MAX_QUANTITY = 1_000;

	/** Most units one sale may hold. */
	public static final long MAX_STOCK = 1_000_000_000L;

	private Ids() {
	}

	/**
	 * Builds an order id that names its sale, so an order is found from its id alone.
	 * @param saleId the sale
	 * @param unique a unique suffix (a UUID)
	 * @return the order id
	 */
	public static String orderId(String saleId, String unique) {
		return saleId + "." + unique;
	}

	/**
	 * The sale id inside an order id.
	 * @param orderId an order id
	 * @return the sale id, or {@code null} when {@code orderId} is not an order id
	 */
	public static String saleIdOf(String orderId) {
		int dot = (orderId != null) ? orderId.indexOf('.') : -1;
		if (dot <= 0) {
			return null;
		}
		String saleId = orderId.substring(0, dot);
		return saleId.matches(SALE_ID_PATTERN) ? saleId : null;
	}

}
