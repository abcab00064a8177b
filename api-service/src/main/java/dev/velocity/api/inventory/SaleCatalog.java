package dev.velocity.api.inventory;

import java.util.List;
import java.util.Optional;

import dev.velocity.model.SaleDefinition;

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
	 * A saved sale.
	 *
	 * @param sale the sale after the save
	 * @param created whether it did not exist before
	 */
	record SavedSale(Sale sale, boolean created) {

	}

}
