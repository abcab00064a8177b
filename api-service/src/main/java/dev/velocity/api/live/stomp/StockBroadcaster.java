package dev.velocity.api.live.stomp;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.StockChanged;
import dev.velocity.api.inventory.StockLevel;
import dev.velocity.api.live.LiveProperties;
import dev.velocity.api.live.StockSignals;
import dev.velocity.api.live.StockSnapshot;
import dev.velocity.api.live.TopicSubscribed;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Turns stock changes into STOMP snapshots on {@code /topic/stock/{saleId}}, coalesced: a
 * storm of purchases marks a sale changed many times, but each instance announces it at
 * most once per announce interval, and each instance sends one fresh snapshot (read from
 * Redis, so always the latest value) at most once per broadcast interval. The last change
 * is therefore on the wire within announce + broadcast intervals (150 ms by default).
 *
 * <p>
 * A subscriber's stock is read only for a sale known to exist, so made-up sale ids cost
 * Redis nothing per subscription: what is known is refreshed from the sales' index, at
 * most once per {@code known-sales-refresh}, when someone subscribes to a sale not known
 * here yet.
 */
@Component
class StockBroadcaster {

	private static final Logger log = LoggerFactory.getLogger(StockBroadcaster.class);

	static final String TOPIC = "/topic/stock/";

	private final SaleCatalog catalog;

	private final StockSignals signals;

	private final SimpMessagingTemplate stomp;

	private final long refreshNanos;

	private final int maxWaiting;

	private final Set<String> changedHere = ConcurrentHashMap.newKeySet();

	private final Set<String> toBroadcast = ConcurrentHashMap.newKeySet();

	/** Sales known to exist: bounded by the sales Redis has. */
	private final Set<String> known = ConcurrentHashMap.newKeySet();

	/** Subscribed to, not known yet: waiting for the next refresh of what is known. */
	private final Set<String> unknownAsked = ConcurrentHashMap.newKeySet();

	private long refreshedAt;

	StockBroadcaster(SaleCatalog catalog, StockSignals signals, SimpMessagingTemplate stomp,
			LiveProperties properties) {
		this.catalog = catalog;
		this.signals = signals;
		this.stomp = stomp;
		this.refreshNanos = properties.knownSalesRefresh().toNanos();
		this.maxWaiting = properties.maxWaitingSubscriptions();
		this.refreshedAt = System.nanoTime() - this.refreshNanos;
	}

	@PostConstruct
	void listen() {
		this.signals.onAnnouncement(this.toBroadcast::add);
	}

	@EventListener
	void stockChanged(StockChanged event) {
		this.changedHere.add(event.saleId());
	}

	/** A new subscriber gets the current stock at once instead of at the next change. */
	@EventListener
	void subscribed(TopicSubscribed event) {
		if (event.destination().startsWith(TOPIC)) {
			String saleId = event.destination().substring(TOPIC.length());
			if (this.known.contains(saleId)) {
				this.toBroadcast.add(saleId);
			}
			else {
				waitForRefresh(saleId);
			}
		}
	}

	@Scheduled(fixedDelayString = "${velocity.live.announce-interval}")
	void announce() {
		Set<String> changed = drain(this.changedHere);
		if (changed.isEmpty()) {
			return;
		}
		try {
			this.signals.announce(changed);
		}
		catch (RuntimeException ex) {
			// Redis is away: at least this instance's subscribers hear of it.
			log.debug("Could not announce stock changes: {}", ex.toString());
			this.toBroadcast.addAll(changed);
		}
	}

	@Scheduled(fixedDelayString = "${velocity.live.broadcast-interval}")
	void broadcast() {
		Set<String> saleIds = drain(this.toBroadcast);
		saleIds.addAll(askedThatExist());
		for (String saleId : saleIds) {
			try {
				Optional<StockLevel> stock = this.catalog.stockOf(saleId);
				if (stock.isEmpty()) {
					this.known.remove(saleId);
					continue;
				}
				this.known.add(saleId);
				this.stomp.convertAndSend(TOPIC + saleId, new StockSnapshot(saleId, stock.get().remaining(),
						stock.get().sold(), Instant.now(), stock.get().endsAt()));
			}
			catch (RuntimeException ex) {
				log.debug("Could not broadcast the stock of {}: {}", saleId, ex.toString());
				this.toBroadcast.add(saleId);
			}
		}
	}

	/** Only called by the scheduler, one run at a time. */
	private Set<String> askedThatExist() {
		long now = System.nanoTime();
		if (this.unknownAsked.isEmpty() || now - this.refreshedAt < this.refreshNanos) {
			return Set.of();
		}
		this.refreshedAt = now;
		Set<String> asked = drain(this.unknownAsked);
		try {
			Set<String> live = this.catalog.saleIds();
			this.known.retainAll(live);
			this.known.addAll(live);
			asked.retainAll(live);
			return asked;
		}
		catch (RuntimeException ex) {
			log.debug("Could not read which sales exist: {}", ex.toString());
			asked.forEach(this::waitForRefresh);
			return Set.of();
		}
	}

	private void waitForRefresh(String saleId) {
		if (this.unknownAsked.size() < this.maxWaiting) {
			this.unknownAsked.add(saleId);
		}
	}

	private static Set<String> drain(Set<String> set) {
		Set<String> drained = new HashSet<>();
		for (String value : set) {
			if (set.remove(value)) {
				drained.add(value);
			}
		}
		return drained;
	}

}
