package dev.velocity.api.inventory;

import java.util.List;
import java.util.Optional;

import dev.velocity.orders.OrderPlaced;

/** Where sales are defined and read. */
public interface SaleCatalog {

	/**
	 * Creates or replaces a sale, keeping the units it already sold.
	 * @param saleId the sale id
	 * @param definition the new definition
	 * @return the saved sale and whether it is new
	 * @throws StockBelowSold when {@code definition.stock()} is below the units already
	 * sold
	 */
	SavedSale save(String saleId, SaleDefinition definition);

	Optional<Sale> find(String saleId);

	/**
	 * The counters of a sale, read in one round trip.
	 * @param saleId the sale
	 * @return its stock, or empty when there is no such sale
	 */
	Optional<StockLevel> stockOf(String saleId);

	List<Sale> findAll();

	/**
	 * Holds a sale closed: purchases get {@code sale-not-open} (a sale Redis lost is
	 * recreated closed, with no stock).
	 * @param saleId the sale
	 */
	void hold(String saleId);

	/**
	 * Rebuilds a sale's state from the orders known to exist, and reopens it.
	 * @param saleId the sale
	 * @param definition its definition
	 * @param orders every order of the sale (persisted or still in the outbox)
	 * @return the stock after the rebuild
	 */
	StockLevel restore(String saleId, SaleDefinition definition, List<OrderPlaced> orders);

	/**
	 * Takes the sale's rebuild lock (one API instance rebuilds a sale at a time).
	 * @param saleId the sale
	 * @param lease how long the lock holds if its owner dies
	 * @return whether this caller has it
	 */
	boolean lockRebuild(String saleId, java.time.Duration lease);

	void unlockRebuild(String saleId);

	/**
	 * Deletes a sale that never sold and is not open, in one step with the check.
	 * @param saleId the sale
	 * @return whether it was deleted; empty when there is no such sale
	 * @throws SaleNotDeletable when it sold something or is open
	 */
	Optional<Boolean> delete(String saleId);

	/**
	 * A saved sale.
	 *
	 * @param sale the sale after the save
	 * @param created whether it did not exist before
	 */
	record SavedSale(Sale sale, boolean created) {

	}

}
