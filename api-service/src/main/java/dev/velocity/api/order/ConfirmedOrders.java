package dev.velocity.api.order;

import java.util.Optional;

import dev.velocity.model.OrderPlaced;

/** Orders the worker has persisted in the order store. */
public interface ConfirmedOrders {

	/**
	 * The persisted order with this id.
	 * @param orderId the order id
	 * @return the order, or empty when it is not (yet) persisted
	 */
	Optional<OrderPlaced> find(String orderId);

	/**
	 * How many orders of a sale are persisted.
	 * @param saleId the sale
	 * @return the count
	 */
	long countBySale(String saleId);

	/**
	 * Every persisted order of a sale.
	 * @param saleId the sale
	 * @return the orders
	 */
	java.util.List<OrderPlaced> findBySale(String saleId);

}
