package dev.velocity.api.order;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Resends orders the queue has not acknowledged within the grace period: their purchase's
 * send failed, or the API instance that accepted them died before the send. Every API
 * instance runs one; claims are leased so that they do not send the same order at the
 * same time.
 */
@Component
class OutboxRelay {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final Outbox outbox;

	private final OrderHandOff handOff;

	private final HandOffProperties properties;

	private final AtomicLong depth = new AtomicLong();

	private final Counter relayed;

	OutboxRelay(Outbox outbox, OrderHandOff handOff, HandOffProperties properties, MeterRegistry meters) {
		this.outbox = outbox;
		this.handOff = handOff;
		this.properties = properties;
		Gauge.builder("velocity.outbox.depth", this.depth, AtomicLong::get)
			.description("Accepted orders not yet acknowledged by the queue")
			.register(meters);
		this.relayed = Counter.builder("velocity.outbox.relayed")
			.description("Orders resent from the outbox")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${velocity.hand-off.relay-interval}")
	void relay() {
		try {
			long total = 0;
			for (String saleId : this.outbox.saleIds()) {
				List<OrderPlaced> due = this.outbox.claimDue(saleId, this.properties.lease(),
						this.properties.relayBatch());
				if (!due.isEmpty()) {
					log.info("Relaying {} unacknowledged orders of sale {}", due.size(), saleId);
					due.forEach(this.handOff::resend);
					this.relayed.increment(due.size());
				}
				total += this.outbox.depth(saleId);
			}
			this.depth.set(total);
		}
		catch (DataAccessException ex) {
			// Redis is away: the purchase path answers 503 meanwhile; try again next
			// pass.
			log.debug("Outbox relay skipped a pass: {}", ex.toString());
		}
	}

}
