package dev.velocity.api.order;

import java.util.Optional;

import dev.velocity.orders.OrderPlaced;

/** Finds accepted orders by id. */
public interface OrderLookup {

	/**
	 * The accepted order with this id.
	 * @param orderId the order id
	 * @return the order, or empty when there is none
	 */
	Optional<OrderPlaced> find(String orderId);

}
