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

	List<String> saleIds();

}
