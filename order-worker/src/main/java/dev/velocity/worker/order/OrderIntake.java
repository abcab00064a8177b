package dev.velocity.worker.order;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.orders.OrderBatch;
import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns one queue message into stored orders, and says what to do with the message. Knows
 * nothing of SQS or DynamoDB.
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
				"Orders already stored (redeliveries, duplicate sends)");
		this.failed = counter(meters, "velocity.worker.failed", "Orders whose write failed; their message is retried");
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
	 * Handles the messages of one receive, each an {@link OrderBatch} or a single
	 * {@link OrderPlaced}: their orders are stored together, so an order sent twice
	 * within them is written once and counted once as a duplicate.
	 * @param messages the messages
	 * @return what to do with each message, in the same order; never fails
	 */
	public CompletableFuture<List<Disposition>> handle(List<ReceivedMessage> messages) {
		this.received.increment(messages.size());
		List<Disposition> dispositions = new ArrayList<>(messages.size());
		List<OrderPlaced> orders = new ArrayList<>();
		Set<String> unseen = new HashSet<>();
		Set<String> seen = new HashSet<>();
		for (ReceivedMessage message : messages) {
			try {
				List<OrderPlaced> parsed = parse(message.body());
				orders.addAll(parsed);
				parsed.forEach((order) -> (message.unseen() ? unseen : seen).add(order.orderId()));
				dispositions.add(Disposition.DONE);
			}
			catch (JacksonException | IllegalArgumentException ex) {
				this.poison.increment();
				MDC.put("messageId", message.messageId());
				log.error("Message {} holds no valid orders (receive {}); it goes to the DLQ: {}", message.messageId(),
						message.receiveCount(), ex.getMessage());
				MDC.remove("messageId");
				dispositions.add(Disposition.POISON);
			}
		}
		if (orders.isEmpty()) {
			return CompletableFuture.completedFuture(dispositions);
		}
		// An order also in a message that may have been stored gets looked up.
		unseen.removeAll(seen);
		return this.store.saveAll(orders, unseen).handle((saved, error) -> {
			if (error != null) {
				this.failed.increment(orders.size());
				OrderPlaced first = orders.get(0);
				try (MDC.MDCCloseable ignored = MDC.putCloseable("orderId", first.orderId());
						MDC.MDCCloseable alsoIgnored = MDC.putCloseable("saleId", first.saleId())) {
					log.warn("{} orders (first {} of sale {}) not all stored; their messages will be retried: {}",
							orders.size(), first.orderId(), first.saleId(), error.toString());
				}
				return dispositions.stream()
					.map((disposition) -> (disposition == Disposition.DONE) ? Disposition.RETRY : disposition)
					.toList();
			}
			long created = saved.stream().filter((result) -> result == OrderStore.Saved.CREATED).count();
			this.written.increment(created);
			this.duplicates.increment(saved.size() - created);
			long now = System.currentTimeMillis();
			for (int i = 0; i < messages.size(); i++) {
				if (dispositions.get(i) == Disposition.DONE) {
					this.lag.record(Math.max(0, now - messages.get(i).sentAtMillis()), TimeUnit.MILLISECONDS);
				}
			}
			return dispositions;
		});
	}

	private List<OrderPlaced> parse(String body) {
		JsonNode tree = this.jsonMapper.readTree(body);
		if (tree == null || !tree.isObject()) {
			throw new IllegalArgumentException("not a JSON object: " + abbreviate(body));
		}
		List<OrderPlaced> orders = tree.has(OrderBatch.ORDERS)
				? this.jsonMapper.treeToValue(tree, OrderBatch.class).orders()
				: List.of(this.jsonMapper.treeToValue(tree, OrderPlaced.class));
		if (orders == null || orders.isEmpty()) {
			throw new IllegalArgumentException("no orders in " + abbreviate(body));
		}
		for (OrderPlaced order : orders) {
			if (order == null || isBlank(order.orderId()) || isBlank(order.saleId()) || isBlank(order.userId())
					|| order.quantity() < 1 || order.placedAt() == null) {
				throw new IllegalArgumentException("missing or invalid fields in " + abbreviate(body));
			}
		}
		return orders;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	private static String abbreviate(String body) {
		return (body.length() <= 200) ? body : body.substring(0, 200) + "...";
	}

}
