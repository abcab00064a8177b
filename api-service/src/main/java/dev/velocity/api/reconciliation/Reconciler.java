package dev.velocity.api.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleArchive;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.Outbox;
import dev.velocity.model.OrderPlaced;
import dev.velocity.model.SaleDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Keeps every sale's books: Redis (remaining, sold, the outbox) against the order store.
 * A sale Redis lost, or one the store has more of than Redis sold, is rebuilt (when
 * {@code autoRebuild} is on); drift that outlasts its bound is logged and counted, and
 * every sale's drift is a gauge.
 */
@Service
public class Reconciler {

	private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

	private final SaleCatalog catalog;

	private final SaleArchive archive;

	private final ConfirmedOrders confirmed;

	private final Outbox outbox;

	private final SaleRecovery recovery;

	private final ReconciliationProperties properties;

	private final MeterRegistry meters;

	private final Map<String, AtomicLong> drifts = new ConcurrentHashMap<>();

	private final Map<String, Long> driftingSince = new ConcurrentHashMap<>();

	private final Map<String, Settled> settled = new ConcurrentHashMap<>();

	private final Counter persistentDrift;

	Reconciler(SaleCatalog catalog, SaleArchive archive, ConfirmedOrders confirmed, Outbox outbox,
			SaleRecovery recovery, ReconciliationProperties properties, MeterRegistry meters) {
		this.catalog = catalog;
		this.archive = archive;
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
	 * The books of every sale.
	 * @return one entry per sale the archive or Redis knows
	 */
	public List<SaleBooks> books() {
		List<SaleBooks> books = new ArrayList<>();
		for (String saleId : saleIds()) {
			books(saleId).ifPresent(books::add);
		}
		return books;
	}

	private Set<String> saleIds() {
		Set<String> saleIds = new TreeSet<>(this.archive.saleIds());
		this.catalog.findAll().forEach((sale) -> saleIds.add(sale.saleId()));
		return saleIds;
	}

	/**
	 * The books for a pass: as {@link #books()}, except that a sale whose books balanced
	 * at the same Redis figures (remaining, sold) is not read from the order store again
	 * until {@code balancedRecheck} has passed. Reading every order of every finished
	 * sale every pass would cost the store more than the sales themselves.
	 */
	private List<SaleBooks> booksForPass(long now) {
		List<SaleBooks> books = new ArrayList<>();
		for (String saleId : saleIds()) {
			Settled settled = this.settled.get(saleId);
			Optional<Sale> sale = this.catalog.find(saleId);
			if (settled != null && sale.isPresent() && settled.isStill(sale.get())
					&& now - settled.checkedAt() < this.properties.balancedRecheck().toMillis()) {
				books.add(settled.books());
				continue;
			}
			Optional<SaleBooks> read = books(saleId);
			read.ifPresent(books::add);
			if (read.isPresent() && read.get().status() == SaleBooks.Status.BALANCED) {
				this.settled.put(saleId, new Settled(read.get(), now));
			}
			else {
				this.settled.remove(saleId);
			}
		}
		return books;
	}

	/** Books that balanced, and when they were read. */
	private record Settled(SaleBooks books, long checkedAt) {

		boolean isStill(Sale sale) {
			return !sale.isLostStandIn() && sale.remaining() == this.books.remaining()
					&& sale.sold() == this.books.sold();
		}

	}

	/**
	 * The books of one sale.
	 * @param saleId the sale
	 * @return its books, or empty when neither the archive nor Redis knows it
	 */
	public Optional<SaleBooks> books(String saleId) {
		Optional<SaleDefinition> definition = this.archive.find(saleId);
		Optional<Sale> sale = this.catalog.find(saleId);
		if (definition.isEmpty() && sale.isEmpty()) {
			return Optional.empty();
		}
		List<OrderPlaced> persisted = this.confirmed.findBySale(saleId);
		long persistedUnits = persisted.stream().mapToLong(OrderPlaced::quantity).sum();
		List<OrderPlaced> pending = this.outbox.pending(saleId);
		long pendingUnits = pending.stream().mapToLong(OrderPlaced::quantity).sum();
		long initial = definition.map(SaleDefinition::stock).orElseGet(() -> sale.get().initialStock());
		long remaining = sale.map(Sale::remaining).orElse(0L);
		long sold = sale.map(Sale::sold).orElse(0L);
		long inFlight = Math.max(0, sold - persistedUnits - pendingUnits);
		long drift = initial - remaining - persistedUnits;
		SaleBooks.Status status;
		if (persistedUnits > initial) {
			status = SaleBooks.Status.OVERSOLD;
		}
		else if (sale.map(Sale::isLostStandIn).orElse(true)) {
			status = SaleBooks.Status.LOST_IN_REDIS;
		}
		else if (persistedUnits > sold) {
			status = SaleBooks.Status.BEHIND;
		}
		else {
			status = (drift == 0) ? SaleBooks.Status.BALANCED : SaleBooks.Status.IN_TRANSIT;
		}
		return Optional.of(new SaleBooks(saleId, initial, remaining, sold, pending.size(), inFlight, persisted.size(),
				persistedUnits, drift, status));
	}

	@Scheduled(fixedDelayString = "${velocity.reconciliation.interval}",
			initialDelayString = "${velocity.reconciliation.interval}")
	void reconcile() {
		long now = System.currentTimeMillis();
		List<SaleBooks> all;
		try {
			all = booksForPass(now);
		}
		catch (RuntimeException ex) {
			log.debug("Reconciliation skipped a pass: {}", ex.toString());
			return;
		}
		for (SaleBooks books : all) {
			try (MDC.MDCCloseable ignored = MDC.putCloseable("saleId", books.saleId())) {
				this.drifts
					.computeIfAbsent(books.saleId(),
							(saleId) -> this.meters.gauge("velocity.reconciliation.drift",
									io.micrometer.core.instrument.Tags.of("sale", saleId), new AtomicLong()))
					.set(books.drift());
				repairIfNeeded(books);
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

	private void repairIfNeeded(SaleBooks books) {
		boolean broken = books.status() == SaleBooks.Status.LOST_IN_REDIS || books.status() == SaleBooks.Status.BEHIND;
		if (!broken) {
			return;
		}
		if (!this.properties.autoRebuild()) {
			this.catalog.hold(books.saleId());
			log.error("Sale {} is {} and held closed: rebuild it with POST /admin/sales/{}/rebuild", books.saleId(),
					books.status(), books.saleId());
			return;
		}
		try {
			this.recovery.rebuild(books.saleId());
		}
		catch (RuntimeException ex) {
			log.warn("Sale {} is {}; its rebuild did not finish and it stays closed: {}", books.saleId(),
					books.status(), ex.getMessage());
		}
	}

}
