package dev.velocity.api.purchase;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.inventory.SaleDefined;
import dev.velocity.api.live.StockSignals;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Remembers, per API instance, which sales are sold out, so that the storm of attempts
 * after a sell-out gets its 409 without a Redis round trip. Any sign of new stock forgets
 * it at once: a sale defined here (a restock), or a stock announcement from any instance
 * (a restock there, which is announced at once). Forgetting is always safe: the next
 * attempt asks Redis, which is the only judge of stock.
 */
@Component
class SoldOutGate {

	private static final Logger log = LoggerFactory.getLogger(SoldOutGate.class);

	private final Set<String> soldOut = ConcurrentHashMap.newKeySet();

	private final StockSignals signals;

	SoldOutGate(StockSignals signals) {
		this.signals = signals;
	}

	@PostConstruct
	void listen() {
		this.signals.onAnnouncement(this.soldOut::remove);
	}

	boolean isSoldOut(String saleId) {
		return this.soldOut.contains(saleId);
	}

	boolean anySoldOut() {
		return !this.soldOut.isEmpty();
	}

	void soldOut(String saleId) {
		this.soldOut.add(saleId);
	}

	@EventListener
	void saleDefined(SaleDefined event) {
		this.soldOut.remove(event.saleId());
		try {
			// Not coalesced: every instance must let attempts through to the new stock
			// now.
			this.signals.announce(List.of(event.saleId()));
		}
		catch (RuntimeException ex) {
			log.warn("Could not announce the new stock of {} to the other instances: {}", event.saleId(),
					ex.toString());
		}
	}

}
