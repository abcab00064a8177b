package dev.velocity.api.order;

import java.util.Collection;
import java.util.Optional;

import dev.velocity.orders.OrderPlaced;

/**
 * Which order each shopper's {@code Idempotency-Key} made, kept in the order store for a
 * sale Redis let go of: a late retry still gets its order.
 */
public interface KeptIdempotencyKeys {

	/**
	 * Keeps the keys of these orders (those without a key are skipped). Keeping one again
	 * writes the same.
	 * @param orders persisted orders
	 * @return how many keys were kept
	 */
	int keep(Collection<OrderPlaced> orders);

	/**
	 * The order a shopper's key made in a sale.
	 * @param saleId the sale
	 * @param userId the shopper
	 * @param idempotencyKey the key
	 * @return the order, or empty when the key made none
	 */
	Optional<OrderPlaced> find(String saleId, String userId, String idempotencyKey);

}
