package dev.velocity.worker.order;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.model.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns one queue message into one stored order, and says what to do with the message.
 * Knows nothing of SQS or DynamoDB.
 */
@Component
public class OrderIntake {

	private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

	private final OrderStore store;

	private final JsonMapper jsonMapper;

	private final Counter received;

	private final Counter written;

	private final Counter duplicates;

	private final Counter failed;

	private final Counter poison;

	private final Timer lag;

	private final AtomicLong oldestAgeMillis = new AtomicLong();

	OrderIntake(OrderStore store, JsonMapper jsonMapper, MeterRegistry meters) {
		this.store = store;
		this.jsonMapper = jsonMapper;
		this.received = counter(meters, "velocity.worker.received", "Messages received from the orders queue");
		this.written = counter(meters, "velocity.worker.written", "Orders written to the store");
		this.duplicates = counter(meters, "velocity.worker.duplicates",
				"Messages whose order was already stored (redeliveries, duplicate sends)");
		this.failed = counter(meters, "velocity.worker.failed", "Writes that failed; the message is retried");
		this.poison = counter(meters, "velocity.worker.poison", "Messages that are not orders; they go to the DLQ");
		this.lag = Timer.builder("velocity.worker.lag")
			.description("Time from the API's send to the stored order")
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("velocity.worker.oldest.age", this.oldestAgeMillis, (age) -> age.get() / 1000.0)
			.description("Age of the oldest message in the latest batch (backlog lag)")
			.baseUnit("seconds")
			.register(meters);
	}

	private static Counter counter(MeterRegistry meters, String name, String description) {
		return Counter.builder(name).description(description).register(meters);
	}

	/**
	 * Records the age of the oldest message of a batch.
	 * @param sentAtMillis the oldest message's send time
	 */
	public void observeOldest(long sentAtMillis) {
		this.oldestAgeMillis.set(Math.max(0, System.currentTimeMillis() - sentAtMillis));
	}

	/**
	 * Handles one message.
	 * @param message the message
	 * @return what to do with it; never fails
	 */
	public CompletableFuture<Disposition> handle(ReceivedMessage message) {
		this.received.increment();
		OrderPlaced order;
		try {
			order = parse(message.body());
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.poison.increment();
			MDC.put("messageId", message.messageId());
			log.error("Message {} is not an OrderPlaced (receive {}); it goes to the DLQ: {}", message.messageId(),
					message.receiveCount(), ex.getMessage());
			MDC.remove("messageId");
			return CompletableFuture.completedFuture(Disposition.POISON);
		}
		return this.store.save(order).handle((saved, error) -> {
			if (error != null) {
				this.failed.increment();
				try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", order.orderId());
						MDC.MDCCloseable alsoIgnored = MDC.putCloseable("saleId", order.saleId())) {
					log.warn("Order {} of sale {} not stored (message {}, receive {}); it will be retried: {}",
							order.orderId(), order.saleId(), message.messageId(), message.receiveCount(),
							error.toString());
				}
				return Disposition.RETRY;
			}
			if (saved == OrderStore.Saved.CREATED) {
				this.written.increment();
			}
			else {
				this.duplicates.increment();
			}
			this.lag.record(Math.max(0, System.currentTimeMillis() - message.sentAtMillis()), TimeUnit.MILLISECONDS);
			return Disposition.DONE;
		});
	}

	private OrderPlaced parse(String body) {
		OrderPlaced order = this.jsonMapper.readValue(body, OrderPlaced.class);
		if (isBlank(order.orderId()) || isBlank(order.saleId()) || isBlank(order.userId()) || order.quantity() < 1
				|| order.placedAt() == null) {
			throw new IllegalArgumentException("missing or invalid fields in " + abbreviate(body));
		}
		return order;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String abbreviate(String body) {
		return (body.length() <= 200) ? body : body.substring(0, 200) + "...";
	}

}
