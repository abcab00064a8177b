package dev.velocity.api.inventory;

import dev.velocity.model.SaleDefinition;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Creates and replaces sales, and tells the rest of the system their stock changed. */
@Service
public class SaleAdministration {

	private final SaleCatalog catalog;

	private final ApplicationEventPublisher events;

	SaleAdministration(SaleCatalog catalog, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.events = events;
	}

	/**
	 * Creates or replaces a sale, keeping what it sold.
	 * @param saleId the sale id
	 * @param definition the definition
	 * @return the saved sale
	 */
	public SaleCatalog.SavedSale save(String saleId, SaleDefinition definition) {
		SaleCatalog.SavedSale saved = this.catalog.save(saleId, definition);
		this.events.publishEvent(new StockChanged(saleId));
		return saved;
	}

}
