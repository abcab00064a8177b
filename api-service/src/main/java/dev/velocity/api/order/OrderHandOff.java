package dev.velocity.api.order;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends accepted orders to the queue and takes the acknowledged ones out of the outbox. A
 * failed send is only counted: the order stays in the outbox and the relay sends it
 * again. After {@code unavailableAfterFailures} failed sends in a row new purchases are
 * refused (503) until a send (usually the relay's) succeeds, so that a queue outage does
 * not pile up stock-taking orders the pipeline cannot move.
 */
@Component
public class OrderHandOff {

	private static final Logger log = LoggerFactory.getLogger(OrderHandOff.class);

	/** How often waits for an acknowledgement are checked for their end. */
	static final long SWEEP_MILLIS = 50;

	private final OrderPublisher publisher;

	private final Outbox outbox;

	private final HandOffProperties properties;

	private final ConcurrentLinkedQueue<OrderPlaced> acknowledged = new ConcurrentLinkedQueue<>();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

	private final AckWaits ackWaits;

	private final Timer sendTimer;

	private final Counter sent;

	private final Counter failed;

	OrderHandOff(OrderPublisher publisher, Outbox outbox, HandOffProperties properties, MeterRegistry meters) {
		this.publisher = publisher;
		this.outbox = outbox;
		this.properties = properties;
		this.ackWaits = new AckWaits(properties.ackWait(), System::nanoTime);
		this.sendTimer = Timer.builder("velocity.handoff.send")
			.description("Time from send to the queue's acknowledgement")
			.publishPercentileHistogram()
			.register(meters);
		this.sent = Counter.builder("velocity.handoff.sent")
			.description("Orders the queue acknowledged")
			.register(meters);
		this.failed = Counter.builder("velocity.handoff.failed")
			.description("Sends the queue did not acknowledge (the outbox keeps the order)")
			.register(meters);
	}

	/**
	 * Refuses new purchases while the queue keeps failing.
	 * @throws HandOffUnavailable when the last sends all failed
	 */
	public void ensureAvailable() {
		int failures = this.consecutiveFailures.get();
		if (failures >= this.properties.unavailableAfterFailures()) {
			throw new HandOffUnavailable(failures);
		}
	}

	/**
	 * Sends an order once more (the outbox relay's): the worker checks the store before
	 * it writes it, since an earlier send may have landed. The outbox holds it until the
	 * queue acknowledges.
	 * @param order the order
	 * @return completes when the queue has acknowledged it (exceptionally when it has
	 * not)
	 */
	public CompletableFuture<Void> resend(OrderPlaced order) {
		return send(order, false);
	}

	private CompletableFuture<Void> send(OrderPlaced order, boolean firstSend) {
		long start = System.nanoTime();
		return this.publisher.publish(order, firstSend).whenComplete((ignored, error) -> {
			if (error == null) {
				this.sendTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
				this.sent.increment();
				this.consecutiveFailures.set(0);
				this.acknowledged.add(order);
			}
			else {
				this.failed.increment();
				// One failed send counts once, however many orders it carried.
				Throwable failure = (error instanceof CompletionException && error.getCause() != null)
						? error.getCause() : error;
				if (this.lastFailure.getAndSet(failure) == failure) {
					return;
				}
				int failures = this.consecutiveFailures.incrementAndGet();
				if (failures == 1 || failures % 100 == 0) {
					MDC.put("orderId", order.orderId());
					MDC.put("saleId", order.saleId());
					log.warn(
							"Order {} of sale {} not acknowledged by the queue ({} failed sends in a row); "
									+ "the outbox keeps it: {}",
							order.orderId(), order.saleId(), failures, error.toString());
					MDC.remove("orderId");
					MDC.remove("saleId");
				}
			}
		});
	}

	/**
	 * Sends a new order for the first time; the purchase answers when the queue has
	 * acknowledged it, or after {@code ackWait} at most. A 200 after an acknowledgement
	 * means the order is on the queue as well as in Redis, so even a Redis that loses its
	 * data cannot lose it; if the wait runs out the outbox still holds the order.
	 * @param order the order
	 * @return completes (never exceptionally) with whether the queue acknowledged it in
	 * time; an unanswered wait ends up to {@link #SWEEP_MILLIS} after {@code ackWait}
	 */
	public CompletableFuture<Boolean> sendWithin(OrderPlaced order) {
		return this.ackWaits.begin(send(order, true));
	}

	/** Ends the acknowledgement waits that are over. */
	@Scheduled(fixedDelay = SWEEP_MILLIS)
	void endOverdueWaits() {
		this.ackWaits.sweep();
	}

	/** Takes acknowledged orders out of the outbox, in batches. */
	@Scheduled(fixedDelayString = "${velocity.hand-off.ack-interval}")
	void flushAcknowledgements() {
		List<OrderPlaced> batch = new ArrayList<>();
		OrderPlaced order;
		while ((order = this.acknowledged.poll()) != null) {
			batch.add(order);
		}
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.outbox.acknowledge(batch);
		}
		catch (RuntimeException ex) {
			// The orders stay in the outbox and are sent once more: the worker drops
			// duplicates.
			log.warn("Could not take {} acknowledged orders out of the outbox: {}", batch.size(), ex.toString());
		}
	}

	@PreDestroy
	void flushOnShutdown() {
		flushAcknowledgements();
	}

}
