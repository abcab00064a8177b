package dev.velocity.api.inventory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Creates and replaces sales, and tells the rest of the system their stock changed. */
@Service
public class SaleAdministration {

	private final SaleCatalog catalog;

	private final SaleArchive archive;

	private final ApplicationEventPublisher events;

	SaleAdministration(SaleCatalog catalog, SaleArchive archive, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.archive = archive;
		this.events = events;
	}

	/**
	 * Creates or replaces a sale, keeping what it sold.
	 * @param saleId the sale id
	 * @param definition the definition
	 * @return the saved sale
	 * @throws SaleNeedsRebuild when Redis lost the sale (it is held closed until rebuilt)
	 */
	public SaleCatalog.SavedSale save(String saleId, SaleDefinition definition) {
		boolean known = this.archive.find(saleId).isPresent();
		boolean lostByRedis = this.catalog.find(saleId).map(Sale::isLostStandIn).orElse(true);
		if (known && lostByRedis && definition.stock() > 0) {
			// Redis lost it: writing it afresh would sell again what was sold. Hold it
			// for a rebuild.
			this.archive.save(saleId, definition);
			this.catalog.hold(saleId);
			throw new SaleNeedsRebuild(saleId);
		}
		// The durable record first: a sale Redis has must always be one the archive can
		// rebuild.
		this.archive.save(saleId, definition);
		SaleCatalog.SavedSale saved = this.catalog.save(saleId, definition);
		this.events.publishEvent(new SaleDefined(saleId));
		this.events.publishEvent(new StockChanged(saleId));
		return saved;
	}

}
