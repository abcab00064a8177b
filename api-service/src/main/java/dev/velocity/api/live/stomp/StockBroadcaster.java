package dev.velocity.api.live.stomp;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.StockChanged;
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
 */
@Component
class StockBroadcaster {

	private static final Logger log = LoggerFactory.getLogger(StockBroadcaster.class);

	static final String TOPIC = "/topic/stock/";

	private final SaleCatalog catalog;

	private final StockSignals signals;

	private final SimpMessagingTemplate stomp;

	private final Set<String> changedHere = ConcurrentHashMap.newKeySet();

	private final Set<String> toBroadcast = ConcurrentHashMap.newKeySet();

	StockBroadcaster(SaleCatalog catalog, StockSignals signals, SimpMessagingTemplate stomp) {
		this.catalog = catalog;
		this.signals = signals;
		this.stomp = stomp;
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
			this.toBroadcast.add(event.destination().substring(TOPIC.length()));
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
		for (String saleId : drain(this.toBroadcast)) {
			try {
				this.catalog.stockOf(saleId)
					.ifPresent((stock) -> this.stomp.convertAndSend(TOPIC + saleId,
							new StockSnapshot(saleId, stock.remaining(), stock.sold(), Instant.now(), stock.endsAt())));
			}
			catch (RuntimeException ex) {
				log.debug("Could not broadcast the stock of {}: {}", saleId, ex.toString());
				this.toBroadcast.add(saleId);
			}
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
