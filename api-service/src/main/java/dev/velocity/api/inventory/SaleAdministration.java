package dev.velocity.api.inventory;

import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Creates, replaces, closes and deletes sales, and tells the rest of the system their
 * stock changed.
 */
@Service
public class SaleAdministration {

	private final SaleCatalog catalog;

	private final SaleRecords records;

	private final ApplicationEventPublisher events;

	SaleAdministration(SaleCatalog catalog, SaleRecords records, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.records = records;
		this.events = events;
	}

	/**
	 * Creates or replaces a sale, keeping what it sold; a draft is scheduled this way.
	 * @param saleId the sale id
	 * @param definition the definition
	 * @return the saved sale
	 * @throws SaleNeedsRebuild when Redis lost the sale (it is held closed until rebuilt)
	 * @throws SaleIsArchived when the sale is archived
	 */
	public SaleCatalog.SavedSale save(String saleId, SaleDefinition definition) {
		Optional<SaleRecord> record = this.records.record(saleId);
		refuseIfArchived(saleId, record);
		boolean known = record.filter((found) -> found.stage() == SaleRecord.Stage.LIVE).isPresent();
		boolean lostByRedis = this.catalog.find(saleId).map(Sale::isLostStandIn).orElse(true);
		if (known && lostByRedis && definition.stock() > 0) {
			// Redis lost it: writing it afresh would sell again what was sold. Hold it
			// for a rebuild.
			this.records.save(saleId, definition);
			this.catalog.hold(saleId);
			throw new SaleNeedsRebuild(saleId);
		}
		// The durable record first: a sale Redis has must always be one the records can
		// rebuild. A change Redis refuses (stock below what was sold) puts it back.
		this.records.save(saleId, definition);
		SaleCatalog.SavedSale saved;
		try {
			saved = this.catalog.save(saleId, definition);
		}
		catch (StockBelowSold ex) {
			record.ifPresent((previous) -> {
				if (previous.stage() == SaleRecord.Stage.DRAFT) {
					this.records.saveDraft(saleId, previous.definition());
				}
				else {
					this.records.save(saleId, previous.definition());
				}
			});
			throw ex;
		}
		this.events.publishEvent(new SaleDefined(saleId));
		this.events.publishEvent(new StockChanged(saleId));
		// A draft scheduled is not a new sale.
		return new SaleCatalog.SavedSale(saved.sale(), saved.created() && record.isEmpty());
	}

	/**
	 * Saves a draft: defined, not scheduled, kept only in the durable record, so it never
	 * sells. A scheduled or ended sale that never sold may go back to being a draft; one
	 * that sold, or is open, may not.
	 * @param saleId the sale id
	 * @param definition the definition
	 * @return whether the sale is new
	 * @throws SaleIsArchived when the sale is archived
	 * @throws SaleNotDeletable when Redis has it and it sold or is open
	 */
	public boolean saveDraft(String saleId, SaleDefinition definition) {
		Optional<SaleRecord> record = this.records.record(saleId);
		refuseIfArchived(saleId, record);
		boolean scheduled = this.catalog.delete(saleId).isPresent();
		if (!scheduled && record.filter((found) -> found.stage() == SaleRecord.Stage.LIVE).isPresent()) {
			// Redis lost it: what it sold is not known until it is rebuilt.
			throw new SaleNeedsRebuild(saleId);
		}
		this.records.saveDraft(saleId, definition);
		if (scheduled) {
			this.events.publishEvent(new SaleDeleted(saleId));
			this.events.publishEvent(new StockChanged(saleId));
		}
		return record.isEmpty();
	}

	/**
	 * Ends a sale now: every instance refuses its purchases from the next one on (the end
	 * is in Redis, checked by the purchase script against Redis's clock), and a rebuild
	 * keeps it ended (the durable record says so too). Ending an ended sale, a draft or
	 * an archived sale changes nothing.
	 * @param saleId the sale
	 * @param now the time it ends
	 * @throws SaleNotFound when there is no such sale
	 * @throws SaleNeedsRebuild when Redis lost the sale (it stays held, and ends when
	 * rebuilt)
	 */
	public void end(String saleId, Instant now) {
		// Redis has the sale as it is now; the durable record, one Redis lost.
		Optional<Sale> live = this.catalog.find(saleId).filter((sale) -> !sale.isLostStandIn());
		if (live.isEmpty()) {
			SaleRecord record = this.records.record(saleId).orElseThrow(() -> new SaleNotFound(saleId));
			if (record.stage() != SaleRecord.Stage.LIVE) {
				return;
			}
		}
		SaleDefinition definition = live.map(SaleAdministration::definitionOf)
			.or(() -> this.records.find(saleId))
			.orElseThrow(() -> new SaleNotFound(saleId));
		if (live.isPresent() && definition.hasEndedBy(now)) {
			return;
		}
		save(saleId, definition.endedAt(now));
	}

	private static SaleDefinition definitionOf(Sale sale) {
		return new SaleDefinition(sale.name(), sale.initialStock(), sale.perUserLimit(), sale.startsAt(),
				sale.endsAt());
	}

	/**
	 * Deletes a draft, or a sale that never sold and is not open (a scheduled sale, or an
	 * ended one nobody bought from): Redis first, where the check and the delete are one
	 * step, then the durable record. Interrupted between the two, the sale comes back
	 * from the record as it was, unsold, and deleting it again finishes the job.
	 * @param saleId the sale
	 * @throws SaleNotFound when there is no such sale
	 * @throws SaleNotDeletable when it sold something or is open
	 * @throws SaleNeedsRebuild when Redis lost it (what it sold is not known yet)
	 * @throws SaleIsArchived when it is archived (its books are kept)
	 */
	public void delete(String saleId) {
		Optional<SaleRecord> record = this.records.record(saleId);
		refuseIfArchived(saleId, record);
		boolean draft = record.filter((found) -> found.stage() == SaleRecord.Stage.DRAFT).isPresent();
		if (!draft && this.catalog.delete(saleId).isEmpty()) {
			if (record.isPresent()) {
				throw new SaleNeedsRebuild(saleId);
			}
			throw new SaleNotFound(saleId);
		}
		this.records.remove(saleId);
		this.events.publishEvent(new SaleDeleted(saleId));
	}

	private static void refuseIfArchived(String saleId, Optional<SaleRecord> record) {
		if (record.filter(
				(found) -> found.stage() == SaleRecord.Stage.ARCHIVING || found.stage() == SaleRecord.Stage.ARCHIVED)
			.isPresent()) {
			throw new SaleIsArchived(saleId);
		}
	}

}
