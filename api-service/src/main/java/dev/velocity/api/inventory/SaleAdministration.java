package dev.velocity.api.inventory;

import java.time.Instant;
import java.util.Optional;

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
		// rebuild. A change Redis refuses (stock below what was sold) puts it back.
		Optional<SaleDefinition> before = this.archive.find(saleId);
		this.archive.save(saleId, definition);
		SaleCatalog.SavedSale saved;
		try {
			saved = this.catalog.save(saleId, definition);
		}
		catch (StockBelowSold ex) {
			before.ifPresent((previous) -> this.archive.save(saleId, previous));
			throw ex;
		}
		this.events.publishEvent(new SaleDefined(saleId));
		this.events.publishEvent(new StockChanged(saleId));
		return saved;
	}

	/**
	 * Ends a sale now: every instance refuses its purchases from the next one on (the end
	 * is in Redis, checked by the purchase script against Redis's clock), and a rebuild
	 * keeps it ended (the durable record says so too). Ending an ended sale changes
	 * nothing.
	 * @param saleId the sale
	 * @param now the time it ends
	 * @return the sale
	 * @throws SaleNotFound when there is no such sale
	 * @throws SaleNeedsRebuild when Redis lost the sale (it stays held, and ends when
	 * rebuilt)
	 */
	public Sale end(String saleId, Instant now) {
		// Redis has the sale as it is now; the archive, one Redis lost.
		Optional<Sale> live = this.catalog.find(saleId).filter((sale) -> !sale.isLostStandIn());
		SaleDefinition definition = live.map(SaleAdministration::definitionOf)
			.or(() -> this.archive.find(saleId))
			.orElseThrow(() -> new SaleNotFound(saleId));
		if (live.isPresent() && definition.hasEndedBy(now)) {
			return live.get();
		}
		return save(saleId, definition.endedAt(now)).sale();
	}

	private static SaleDefinition definitionOf(Sale sale) {
		return new SaleDefinition(sale.name(), sale.initialStock(), sale.perUserLimit(), sale.startsAt(),
				sale.endsAt());
	}

	/**
	 * Deletes a sale that never sold and is not open (a draft, a scheduled sale, or an
	 * ended one nobody bought from): Redis first, where the check and the delete are one
	 * step, then the durable record. Interrupted between the two, the sale comes back
	 * from the record as it was, unsold, and deleting it again finishes the job.
	 * @param saleId the sale
	 * @throws SaleNotFound when there is no such sale
	 * @throws SaleNotDeletable when it sold something or is open
	 * @throws SaleNeedsRebuild when Redis lost it (what it sold is not known yet)
	 */
	public void delete(String saleId) {
		if (this.catalog.delete(saleId).isEmpty()) {
			if (this.archive.find(saleId).isPresent()) {
				throw new SaleNeedsRebuild(saleId);
			}
			throw new SaleNotFound(saleId);
		}
		this.archive.remove(saleId);
		this.events.publishEvent(new SaleDeleted(saleId));
	}

}
