package dev.velocity.api.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleRecord;
import dev.velocity.api.inventory.SaleRecords;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.Outbox;
import dev.velocity.api.order.PersistedOrders;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.api.inventory.SaleDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps every sale's books: Redis (remaining, sold, the outbox) against the order store.
 * A sale Redis lost, one the store has more of than Redis sold, or one whose Redis master
 * changed ({@link ShardFailovers}), is held closed by the pass that finds it and rebuilt
 * off the pass (when {@code autoRebuild} is on); drift that outlasts its bound is logged
 * and counted, and every sale's drift is a gauge.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final SaleCatalog catalog;

	private final SaleRecords records;

	private final ConfirmedOrders confirmed;

	private final Outbox outbox;

	private final SaleRecovery recovery;

	private final ReconciliationProperties properties;

	private final MeterRegistry meters;

	private final Map<String, AtomicLong> drifts = new ConcurrentHashMap<>();

	private final Map<String, Long> driftingSince = new ConcurrentHashMap<>();

	/** Rebuilds run one at a time, off the passes. */
	private final ExecutorService rebuilds = Executors.newSingleThreadExecutor((task) -> {
		Thread thread = new Thread(task, "sale-rebuilds");
		thread.setDaemon(true);
		return thread;
	});

	private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();

	private final ShardFailovers failovers;

	/**
	 * Sales whose master changed and which are not held yet (Redis may have refused the
	 * hold); once held, the hold in Redis is what every instance goes by, and whichever
	 * rebuild reopens the sale (the reconciler's or an admin's) ends it.
	 */
	private final Set<String> failedOver = ConcurrentHashMap.newKeySet();

	/**
	 * Held sales already reported for an admin's rebuild (auto-rebuild off): reported
	 * once, not every pass; forgotten once a pass finds the sale no longer held.
	 */
	private final Set<String> awaitingAdmin = ConcurrentHashMap.newKeySet();

	private final Map<String, Counter> rebuildsStarted = new ConcurrentHashMap<>();

	private final Counter persistentDrift;

	Reconciler(SaleCatalog catalog, SaleRecords records, ConfirmedOrders confirmed, Outbox outbox,
			SaleRecovery recovery, ReconciliationProperties properties, MeterRegistry meters,
			ShardFailovers failovers) {
		this.catalog = catalog;
		this.failovers = failovers;
		this.records = records;
		this.confirmed = confirmed;
		this.outbox = outbox;
		this.recovery = recovery;
		this.properties = properties;
		this.meters = meters;
		this.persistentDrift = Counter.builder("velocity.reconciliation.drift.persistent")
			.description("Passes that found a sale's drift beyond its bound")
			.register(meters);
	}

	/**
	 * The books of every live sale: Redis's figures and the store's count, both fresh
	 * (the store's count reads only the pages it has not counted before). A sale being
	 * archived is left to its archiver; drafts and archived sales have no live books.
	 * @return one entry per sale the durable records or Redis know as live
	 */
	public List<SaleBooks> books() {
		List<SaleBooks> books = new ArrayList<>();
		for (String saleId : saleIds()) {
			Optional<SaleRecord> record = this.records.record(saleId);
			if (record.filter((found) -> found.stage() != SaleRecord.Stage.LIVE).isPresent()) {
				continue;
			}
			books(saleId, record).ifPresent(books::add);
		}
		return books;
	}

	private Set<String> saleIds() {
		Set<String> saleIds = new TreeSet<>(this.records.saleIds());
		this.catalog.findAll().forEach((sale) -> saleIds.add(sale.saleId()));
		return saleIds;
	}

	/**
	 * The books of one sale Redis should have.
	 * @param saleId the sale
	 * @return its books, or empty when neither the durable records nor Redis know it as
	 * live
	 */
	public Optional<SaleBooks> books(String saleId) {
		return books(saleId, this.records.record(saleId));
	}

	private Optional<SaleBooks> books(String saleId, Optional<SaleRecord> record) {
		Optional<SaleDefinition> definition = record
			.filter((found) -> found.stage() == SaleRecord.Stage.LIVE || found.stage() == SaleRecord.Stage.ARCHIVING)
			.map(SaleRecord::definition);
		if (definition.isEmpty() && this.catalog.find(saleId).isEmpty()) {
			// Neither knows it: no count of the store for a made-up id.
			return Optional.empty();
		}
		// The store first, Redis after (again, for a sale only Redis knows): every unit
		// the store counted was sold before Redis is read, so a store ahead of Redis
		// means Redis lost writes, never a count that raced the worker. The other way
		// round, a storm made a sale look BEHIND.
		PersistedOrders persisted = this.confirmed.tally(saleId);
		Optional<Sale> sale = this.catalog.find(saleId);
		if (definition.isEmpty() && sale.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(books(saleId, definition, sale, persisted));
	}

	private SaleBooks books(String saleId, Optional<SaleDefinition> definition, Optional<Sale> sale,
			PersistedOrders persisted) {
		long persistedUnits = persisted.units();
		List<OrderPlaced> pending = this.outbox.pending(saleId);
		long pendingUnits = pending.stream().mapToLong(OrderPlaced::quantity).sum();
		long initial = definition.map(SaleDefinition::stock).orElseGet(() -> sale.get().initialStock());
		long remaining = sale.map(Sale::remaining).orElse(0L);
		long sold = sale.map(Sale::sold).orElse(0L);
		long inFlight = Math.max(0, sold - persistedUnits - pendingUnits);
		long drift = initial - remaining - persistedUnits;
		SaleBooks.Status status = SaleBooks.Status.of(initial, sold, persistedUnits, drift,
				sale.map(Sale::isLostStandIn).orElse(true), sale.map(Sale::closed).orElse(false));
		return new SaleBooks(saleId, initial, remaining, sold, pending.size(), inFlight, persisted.orders(),
				persistedUnits, drift, status, sale.map(Sale::rebuiltAt).orElse(null));
	}

	@Scheduled(fixedDelayString = "${velocity.reconciliation.interval}",
			initialDelayString = "${velocity.reconciliation.interval}")
	void reconcile() {
		long now = System.currentTimeMillis();
		List<SaleBooks> all;
		try {
			all = books();
		}
		catch (RuntimeException ex) {
			log.debug("Reconciliation skipped a pass: {}", ex.toString());
			return;
		}
		if (this.properties.rebuildAfterFailover()) {
			Set<String> live = new TreeSet<>();
			all.forEach((books) -> live.add(books.saleId()));
			this.failedOver.retainAll(live);
			for (String saleId : this.failovers.moved(live)) {
				log.warn("Sale {} has a new Redis master (a replica promoted): held until it is rebuilt from the order "
						+ "store, as the replica may lack the last acknowledged writes", saleId);
				this.failedOver.add(saleId);
			}
		}
		List<SaleBooks> toHold = all.stream()
			.filter((books) -> broken(books) || books.status() == SaleBooks.Status.HELD
					|| this.failedOver.contains(books.saleId()))
			.toList();
		this.awaitingAdmin.retainAll(toHold.stream().map(SaleBooks::saleId).toList());
		toHold.forEach(this::holdAndRebuild);
		for (SaleBooks books : all) {
			try (MDC.MDCCloseable ignored = MDC.putCloseable("saleId", books.saleId())) {
				this.drifts
					.computeIfAbsent(books.saleId(),
							(saleId) -> this.meters.gauge("velocity.reconciliation.drift",
									io.micrometer.core.instrument.Tags.of("sale", saleId), new AtomicLong()))
					.set(books.drift());
				if (books.drift() == 0) {
					this.driftingSince.remove(books.saleId());
					continue;
				}
				long since = this.driftingSince.computeIfAbsent(books.saleId(), (saleId) -> now);
				if (now - since > this.properties.driftBound().toMillis()) {
					this.persistentDrift.increment();
					log.warn("Sale {} has drifted by {} units for {} s: {}", books.saleId(), books.drift(),
							Duration.ofMillis(now - since).toSeconds(), books);
				}
			}
		}
	}

	private static boolean broken(SaleBooks books) {
		return books.status() == SaleBooks.Status.LOST_IN_REDIS || books.status() == SaleBooks.Status.BEHIND;
	}

	private String causeOf(SaleBooks books) {
		return (broken(books) || !this.failedOver.contains(books.saleId())) ? books.status().name() : "FAILOVER";
	}

	/**
	 * Holds a broken sale closed at once, in the pass that finds it, and has it rebuilt
	 * off the pass: a rebuild first waits (up to {@code drainTimeout}) for the queue to
	 * drain, and a pass blocked in that wait would leave every other sale unwatched; a
	 * sale Redis is behind on (Redis has it with more stock than is left) must not sell
	 * meanwhile.
	 */
	void holdAndRebuild(SaleBooks books) {
		String saleId = books.saleId();
		String cause = causeOf(books);
		try {
			if (!this.catalog.holdUnlessRebuiltSince(saleId, books.rebuiltAt())) {
				// A rebuild reopened it after these books were read: holding it would
				// undo that rebuild. The next pass reads it afresh; a failed-over sale
				// stays marked, as that rebuild may have run on the master before the
				// promotion.
				log.debug("Sale {} was rebuilt since its books were read; not held", saleId);
				return;
			}
		}
		catch (RuntimeException ex) {
			log.warn("Sale {} is {} and could not be held closed: {}", saleId, cause, ex.toString());
			return;
		}
		this.failedOver.remove(saleId);
		if (!this.properties.autoRebuild()) {
			if (this.awaitingAdmin.add(saleId)) {
				log.error("Sale {} is {} and held closed: rebuild it with POST /admin/sales/{}/rebuild", saleId, cause,
						saleId);
			}
			return;
		}
		if (!this.rebuilding.add(saleId)) {
			return;
		}
		this.rebuildsStarted
			.computeIfAbsent(cause,
					(name) -> Counter.builder("velocity.reconciliation.rebuilds")
						.description("Rebuilds a pass started, by what it found")
						.tag("cause", name)
						.register(this.meters))
			.increment();
		try {
			this.rebuilds.execute(() -> rebuild(saleId, cause));
		}
		catch (RejectedExecutionException ex) {
			// Shutting down.
			this.rebuilding.remove(saleId);
		}
	}

	private void rebuild(String saleId, String cause) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable("saleId", saleId)) {
			this.recovery.rebuild(saleId);
		}
		catch (SaleRecovery.RebuildUnavailable ex) {
			if (ex.elsewhere()) {
				log.debug("Sale {} is {} and another instance is rebuilding it", saleId, cause);
			}
			else {
				log.warn("Sale {} is {}; its rebuild did not finish and it stays closed: {}", saleId, cause,
						ex.getMessage());
			}
		}
		catch (RuntimeException ex) {
			// Still held: the next pass tries again.
			log.warn("Sale {} is {}; its rebuild did not finish and it stays closed: {}", saleId, cause,
					ex.getMessage());
		}
		finally {
			this.rebuilding.remove(saleId);
		}
	}

	@PreDestroy
	void stopRebuilds() {
		// A rebuild waiting for the queue is interrupted: its sale stays closed until the
		// next instance rebuilds it.
		this.rebuilds.shutdownNow();
	}

}
