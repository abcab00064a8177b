package dev.velocity.api.inventory;

import java.util.List;
import java.util.Optional;

/**
 * The durable record of every sale's definition, kept beside the orders (not in Redis),
 * so that a sale Redis lost can be rebuilt instead of reopening with stock it already
 * sold.
 */
public interface SaleArchive {

	void save(String saleId, SaleDefinition definition);

	Optional<SaleDefinition> find(String saleId);

	/** Forgets a sale (one that never sold): a rebuild no longer knows it. */
	void remove(String saleId);

	List<String> saleIds();

}
