package dev.velocity.api.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleArchived;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.SaleRecord;
import dev.velocity.api.inventory.SaleRecords;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.KeptIdempotencyKeys;
import dev.velocity.api.reconciliation.Reconciler;
import dev.velocity.api.reconciliation.SaleBooks;
import dev.velocity.orders.OrderPlaced;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Archives a sale: once it has ended and its books balance (every unit Redis sold is in
 * the order store, nothing is in the outbox), Redis lets go of every key of it, and the
 * order store answers for it from then on: its orders, its figures, and its shoppers'
 * idempotent retries.
 *
 * <p>
 * The steps, each safe to repeat: the durable record takes the final figures and says
 * {@code ARCHIVING}; the keyed orders' keys are kept in the order store; Redis checks
 * once more and lets go in one step, leaving a tombstone; the record says
 * {@code ARCHIVED}. An instance that dies on the way leaves the sale {@code ARCHIVING}:
 * the next pass (on any instance) finishes it, or, when Redis refuses, puts the record
 * back to live. Nothing is lost either way (Redis lets go only of a sale whose orders are
 * all stored), and nothing is resold (the sale has ended).
 */
@Service
public class SaleArchiving {

	private static final Logger log = LoggerFactory.getLogger(SaleArchiving.class);

	/**
	 * How long an archive holds the sale's lock if its instance dies: the next pass on
	 * any instance finishes it then. (An archive that outlasts it may be run twice at
	 * once: every step is safe to repeat.)
	 */
	private static final Duration LEASE = Duration.ofSeconds(30);

	private final SaleCatalog catalog;

	private final SaleRecords records;

	private final Reconciler reconciler;

	private final ConfirmedOrders confirmed;

	private final KeptIdempotencyKeys keptKeys;

	private final LifecycleProperties properties;

	private final ApplicationEventPublisher events;

	SaleArchiving(SaleCatalog catalog, SaleRecords records, Reconciler reconciler, ConfirmedOrders confirmed,
			KeptIdempotencyKeys keptKeys, LifecycleProperties properties, ApplicationEventPublisher events) {
		this.catalog = catalog;
		this.records = records;
		this.reconciler = reconciler;
		this.confirmed = confirmed;
		this.keptKeys = keptKeys;
		this.properties = properties;
		this.events = events;
	}

	/**
	 * Archives a sale now, or says why not; an archived sale is answered as it is.
	 * @param saleId the sale
	 * @param now the time
	 * @return the archived sale
	 * @throws SaleNotFound when there is no such sale
	 * @throws SaleNotArchivable when it has not ended, its books do not balance yet, or
	 * it is a draft
	 */
	public SaleView archive(String saleId, Instant now) {
		SaleRecord record = this.records.record(saleId).orElseThrow(() -> new SaleNotFound(saleId));
		switch (record.stage()) {
			case ARCHIVED -> {
				return record.view();
			}
			case DRAFT -> throw new SaleNotArchivable(saleId, SaleNotArchivable.Reason.DRAFT,
					"it is a draft, which never sold: delete it instead");
			default -> {
			}
		}
		if (!this.catalog.lockRebuild(saleId, LEASE)) {
			throw new SaleNotArchivable(saleId, SaleNotArchivable.Reason.BUSY,
					"another instance is rebuilding or archiving it");
		}
		try {
			SaleRecord.Figures figures = (record.stage() == SaleRecord.Stage.ARCHIVING) ? record.figures()
					: finalFigures(saleId, now);
			if (record.stage() == SaleRecord.Stage.LIVE) {
				this.records.archiving(saleId, record.definition(), figures);
			}
			letGo(saleId, record, figures);
			SaleRecord archived = new SaleRecord(saleId, record.definition(), SaleRecord.Stage.ARCHIVED, figures);
			this.records.archived(saleId, record.definition(), figures);
			this.events.publishEvent(new SaleArchived(saleId));
			log.info("Sale {} archived: {} units sold in {} orders; Redis let go of it", saleId, figures.sold(),
					figures.orders());
			return archived.view();
		}
		finally {
			this.catalog.unlockRebuild(saleId);
		}
	}

	/** The figures of a live sale that can be archived, or why it cannot be. */
	private SaleRecord.Figures finalFigures(String saleId, Instant now) {
		Sale sale = this.catalog.find(saleId)
			.filter((found) -> !found.isLostStandIn() && !found.closed())
			.orElseThrow(() -> new SaleNotArchivable(saleId, SaleNotArchivable.Reason.NEEDS_REBUILD,
					"Redis does not have its books; rebuild it first"));
		if (sale.endsAt() == null || sale.endsAt().isAfter(now)) {
			throw new SaleNotArchivable(saleId, SaleNotArchivable.Reason.NOT_ENDED, "it has not ended; close it first");
		}
		SaleBooks books = this.reconciler.books(saleId)
			.orElseThrow(() -> new SaleNotArchivable(saleId, SaleNotArchivable.Reason.NEEDS_REBUILD,
					"its books are not known"));
		if (books.status() != SaleBooks.Status.BALANCED || books.pendingInOutbox() > 0) {
			throw new SaleNotArchivable(saleId, SaleNotArchivable.Reason.IN_TRANSIT,
					books.sold() + " units sold, " + books.persistedUnits() + " stored, " + books.pendingInOutbox()
							+ " orders not yet acknowledged by the queue (" + books.status() + ")");
		}
		return new SaleRecord.Figures(books.sold(), books.persistedOrders(), now);
	}

	/** Keeps the keys, then has Redis let go; puts the record back when Redis refuses. */
	private void letGo(String saleId, SaleRecord record, SaleRecord.Figures figures) {
		List<OrderPlaced> orders = this.confirmed.findBySale(saleId);
		this.keptKeys.keep(orders);
		SaleCatalog.Archival archival = this.catalog.archive(saleId, figures.sold(), this.properties.tombstone());
		switch (archival) {
			// NOT_FOUND: Redis lost it after its figures were final; nothing to let go.
			case ARCHIVED, NOT_FOUND -> {
			}
			default -> {
				this.records.save(saleId, record.definition());
				throw new SaleNotArchivable(saleId,
						(archival == SaleCatalog.Archival.NOT_ENDED) ? SaleNotArchivable.Reason.NOT_ENDED
								: (archival == SaleCatalog.Archival.HELD) ? SaleNotArchivable.Reason.NEEDS_REBUILD
										: SaleNotArchivable.Reason.IN_TRANSIT,
						"Redis refused: " + archival);
			}
		}
	}

}
