package dev.velocity.api.order;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.velocity.orders.OrderPlaced;

/**
 * Accepted orders the queue has not acknowledged yet. The purchase step puts every new
 * order in it; an acknowledgement takes it out.
 */
public interface Outbox {

	/**
	 * Claims orders of a sale that are due for a (re)send and leases them, so that other
	 * relays leave them alone for {@code lease}.
	 * @param saleId the sale
	 * @param lease how long the claim holds
	 * @param max most orders to claim
	 * @return the claimed orders, oldest first
	 */
	List<OrderPlaced> claimDue(String saleId, Duration lease, int max);

	/**
	 * Takes acknowledged orders out.
	 * @param orders orders the queue has acknowledged
	 */
	void acknowledge(Collection<OrderPlaced> orders);

	/**
	 * The orders of a sale still waiting for the queue's acknowledgement.
	 * @param saleId the sale
	 * @return the orders
	 */
	List<OrderPlaced> pending(String saleId);

	/**
	 * The sales whose outboxes may hold orders: the members of the sales' index, as
	 * {@code SaleCatalog.saleIds()} reads them. Read here rather than through the catalog
	 * because {@code inventory} depends on this module (a sale's view counts its
	 * confirmed orders), so the relay using the catalog would close a cycle.
	 * @return the ids
	 */
	Set<String> saleIds();

	/**
	 * How many orders of a sale wait for an acknowledgement.
	 * @param saleId the sale
	 * @return the count
	 */
	long depth(String saleId);

}
