package dev.velocity.api.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.velocity.api.waitingroom.RoomRecovery;
import dev.velocity.api.inventory.SaleIsArchived;
import dev.velocity.api.inventory.SaleRecord;
import dev.velocity.api.inventory.SaleRecords;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleDefined;
import dev.velocity.api.inventory.SaleNeedsRebuild;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.StockChanged;
import dev.velocity.api.inventory.StockLevel;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.OrderBacklog;
import dev.velocity.api.order.Outbox;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.api.inventory.SaleDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Rebuilds a sale Redis lost or is behind on: hold it closed, let the queue drain into
 * the store, then count every order the store and the outbox know, and reopen with
 * exactly the rest of the stock. A unit that was sold is never sold again.
 */
@Service
public class SaleRecovery {

	private static final Logger log = LoggerFactory.getLogger(SaleRecovery.class);

	private final SaleCatalog catalog;

	private final SaleRecords records;

	private final ConfirmedOrders confirmed;

	private final Outbox outbox;

	private final OrderBacklog backlog;

	private final ApplicationEventPublisher events;

	private final ReconciliationProperties properties;

	private final RoomRecovery rooms;

	SaleRecovery(SaleCatalog catalog, SaleRecords records, ConfirmedOrders confirmed, Outbox outbox,
			OrderBacklog backlog, ApplicationEventPublisher events, ReconciliationProperties properties,
			RoomRecovery rooms) {
		this.catalog = catalog;
		this.records = records;
		this.confirmed = confirmed;
		this.outbox = outbox;
		this.backlog = backlog;
		this.events = events;
		this.properties = properties;
		this.rooms = rooms;
	}

	/**
	 * What a rebuild found.
	 *
	 * @param saleId the sale
	 * @param orders orders counted (persisted or still in the outbox)
	 * @param sold units those orders took
	 * @param remaining units the sale reopened with
	 * @param oversold units sold beyond the stock (0 unless something went badly wrong)
	 */
	public record Rebuilt(String saleId, int orders, long sold, long remaining, long oversold) {

	}

	/**
	 * Rebuilds a sale and reopens it.
	 * @param saleId the sale
	 * @return what was found
	 * @throws SaleNotFound when no durable definition exists
	 * @throws RebuildUnavailable when another instance is rebuilding it, or the queue did
	 * not drain in time (the sale stays closed)
	 */
	public Rebuilt rebuild(String saleId) {
		SaleRecord record = this.records.record(saleId).orElseThrow(() -> new SaleNotFound(saleId));
		if (record.stage() == SaleRecord.Stage.DRAFT) {
			// A draft was never in Redis.
			throw new SaleNotFound(saleId);
		}
		if (record.stage() != SaleRecord.Stage.LIVE) {
			// Its books are final.
			throw new SaleIsArchived(saleId);
		}
		SaleDefinition definition = record.definition();
		if (!this.catalog.lockRebuild(saleId, this.properties.drainTimeout().plusMinutes(1))) {
			throw new RebuildUnavailable("Sale " + saleId + " is being rebuilt by another instance", true);
		}
		try {
			this.catalog.hold(saleId);
			this.events.publishEvent(new StockChanged(saleId));
			log.warn("Sale {} is closed for a rebuild; waiting for the orders queue to drain", saleId);
			awaitDrainedQueue(saleId);
			Map<String, OrderPlaced> orders = new LinkedHashMap<>();
			this.confirmed.findBySale(saleId).forEach((order) -> orders.put(order.orderId(), order));
			this.outbox.pending(saleId).forEach((order) -> orders.putIfAbsent(order.orderId(), order));
			// Its waiting room first: the sale never reopens without it.
			this.rooms.restore(saleId);
			StockLevel stock;
			try {
				stock = this.catalog.restore(saleId, definition, new ArrayList<>(orders.values()));
			}
			catch (SaleNeedsRebuild ex) {
				throw new RebuildUnavailable("Redis lost part of sale " + saleId
						+ "'s rebuild while it ran; it stays closed until it is rebuilt again");
			}
			long oversold = Math.max(0, stock.sold() - definition.stock());
			if (oversold > 0) {
				log.error("Sale {} was oversold by {} units", saleId, oversold);
			}
			this.events.publishEvent(new SaleDefined(saleId));
			this.events.publishEvent(new StockChanged(saleId));
			log.warn("Sale {} rebuilt from {} orders: {} sold, {} remaining; reopened", saleId, orders.size(),
					stock.sold(), stock.remaining());
			return new Rebuilt(saleId, orders.size(), stock.sold(), stock.remaining(), oversold);
		}
		finally {
			this.catalog.unlockRebuild(saleId);
		}
	}

	private void awaitDrainedQueue(String saleId) {
		long deadline = System.nanoTime() + this.properties.drainTimeout().toNanos();
		while (this.backlog.depth() > 0) {
			if (System.nanoTime() > deadline) {
				throw new RebuildUnavailable("The orders queue did not drain within "
						+ this.properties.drainTimeout().toSeconds() + " s; sale " + saleId + " stays closed");
			}
			try {
				Thread.sleep(Duration.ofMillis(500).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RebuildUnavailable("Interrupted while waiting for the queue to drain");
			}
		}
	}

	/**
	 * A rebuild cannot run now; the sale stays closed and a later attempt may succeed.
	 */
	public static class RebuildUnavailable extends RuntimeException {

		private final boolean elsewhere;

		public RebuildUnavailable(String message) {
			this(message, false);
		}

		RebuildUnavailable(String message, boolean elsewhere) {
			super(message);
			this.elsewhere = elsewhere;
		}

		/**
		 * Whether another instance holds the rebuild lock (and will reopen the sale).
		 * @return whether the sale is being rebuilt elsewhere
		 */
		public boolean elsewhere() {
			return this.elsewhere;
		}

	}

}
