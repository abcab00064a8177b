package dev.velocity.api.order;

import java.util.List;
import java.util.Optional;

import dev.velocity.orders.OrderPlaced;

/** Orders the worker has persisted in the order store. */
public interface ConfirmedOrders {

	/**
	 * The persisted order with this id.
	 * @param orderId the order id
	 * @return the order, or empty when it is not (yet) persisted
	 */
	Optional<OrderPlaced> find(String orderId);

	/**
	 * How many orders of a sale are persisted, and their units. What was counted once is
	 * not read again: a count costs a query of the sale's page keys and a read of the
	 * pages not counted before, not a read of every order.
	 * @param saleId the sale
	 * @return the count
	 */
	PersistedOrders tally(String saleId);

	/**
	 * Every persisted order of a sale: as many reads as the sale has orders (for a
	 * rebuild, not for a count).
	 * @param saleId the sale
	 * @return the orders
	 */
	List<OrderPlaced> findBySale(String saleId);

}
