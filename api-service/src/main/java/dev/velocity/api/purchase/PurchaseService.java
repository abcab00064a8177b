package dev.velocity.api.purchase;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.inventory.StockChanged;
import dev.velocity.api.order.KeptIdempotencyKeys;
import dev.velocity.api.order.OrderHandOff;
import dev.velocity.api.web.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;

/**
 * The purchase path: one atomic reservation in the inventory, then the hand-off of the
 * new order to the queue. The shopper's answer waits for the queue's acknowledgement, at
 * most {@code ack-wait}: either way the order is already in the outbox, from which it is
 * relayed until the queue has acknowledged it. Nothing holds a thread while Redis or the
 * queue is asked.
 */
@Service
public class PurchaseService {

	private final Inventory inventory;

	private final SoldOutGate gate;

	private final OrderHandOff handOff;

	private final ApplicationEventPublisher events;

	private final KeptIdempotencyKeys keptKeys;

	private final MeterRegistry meters;

	private final Timer reserveTimer;

	private final ConcurrentMap<String, Counter> outcomes = new ConcurrentHashMap<>();

	private final Executor executor;

	PurchaseService(Inventory inventory, SoldOutGate gate, OrderHandOff handOff, ApplicationEventPublisher events,
			KeptIdempotencyKeys keptKeys, MeterRegistry meters, @Qualifier("purchaseContinuations") Executor executor) {
		this.executor = executor;
		this.keptKeys = keptKeys;
		this.inventory = inventory;
		this.gate = gate;
		this.handOff = handOff;
		this.events = events;
		this.meters = meters;
		this.reserveTimer = Timer.builder("velocity.purchase.reserve")
			.description("Latency of the atomic Redis purchase step")
			.publishPercentileHistogram()
			.register(meters);
	}

	/**
	 * The local sold-out gate's answer, asked before anything else is worked out for a
	 * purchase (its client's address, its admission): on a sold-out sale that is most of
	 * a storm, and the answer is the same for everyone.
	 * @param saleId the sale
	 * @param idempotencyKey the request's key: a retry with one may be owed its earlier
	 * order, which only Redis knows
	 * @return the sold-out outcome, or {@code null} when the purchase goes on
	 */
	public @Nullable PurchaseOutcome atGate(String saleId, @Nullable String idempotencyKey) {
		if (idempotencyKey == null && this.gate.isSoldOut(saleId)) {
			count("sold_out");
			return SOLD_OUT;
		}
		return null;
	}

	/**
	 * Whether this instance's gate knows any sale as sold out: until then no request is
	 * worth reading early for it.
	 * @return whether {@link #atGate} can answer at all
	 */
	public boolean anySoldOut() {
		return this.gate.anySoldOut();
	}

	/**
	 * Buys, or says why not; the caller asks {@link #atGate} first. No thread waits for
	 * Redis or the queue, and nothing here blocks the thread a reply arrives on: the
	 * future completes on a client library's I/O thread (Lettuce's, or the SDK's when the
	 * queue acknowledges), so the caller moves to a thread of its own before anything
	 * that may block, such as writing the answer to a slow shopper. Only an archived
	 * sale's replay, which asks the order store, runs on {@code executor}.
	 * @param command what to buy
	 * @return the id the order has if the purchase goes through, and the outcome; or,
	 * exceptionally, {@link dev.velocity.api.order.HandOffUnavailable} when the queue has
	 * been failing (before any stock is taken), {@link PurchaseOutcomeUnknown} when the
	 * inventory did not answer in time, or the inventory's {@link DataAccessException}
	 */
	public Pending purchase(PurchaseCommand command) {
		String orderId = Ids.orderId(command.saleId(), UUID.randomUUID().toString());
		return new Pending(orderId, purchase(command, orderId));
	}

	/**
	 * A purchase its caller will not wait for any longer, though it may still go through.
	 * Not counted here: it is counted once, by the outcome it comes to.
	 * @param orderId the id its order has if it goes through
	 * @return what to answer
	 */
	public PurchaseOutcomeUnknown undecided(String orderId) {
		return new PurchaseOutcomeUnknown(orderId, null);
	}

	private CompletableFuture<PurchaseOutcome> purchase(PurchaseCommand command, String orderId) {
		try {
			this.handOff.ensureAvailable();
		}
		catch (RuntimeException ex) {
			count("unavailable");
			return CompletableFuture.failedFuture(ex);
		}
		long start = System.nanoTime();
		CompletableFuture<PurchaseOutcome> reply;
		try {
			reply = this.inventory.reserve(command, orderId);
		}
		catch (RuntimeException ex) {
			reply = CompletableFuture.failedFuture(ex);
		}
		return reply.handle((outcome, error) -> {
			if (error != null) {
				throw failed(orderId, unwrap(error));
			}
			this.reserveTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			return outcome;
		}).thenCompose((outcome) -> {
			if (outcome instanceof PurchaseOutcome.SaleNotOpen notOpen
					&& notOpen.reason() == PurchaseOutcome.SaleNotOpen.Reason.ARCHIVED
					&& command.idempotencyKey() != null) {
				// The order store is asked: not on the thread that read Redis's reply.
				return CompletableFuture.supplyAsync(() -> replayArchived(command).orElse(outcome), this.executor)
					.whenComplete((replayed,
							error) -> count((replayed != null) ? replayed.match(OUTCOME_NAMES) : "unavailable"));
			}
			if (outcome instanceof PurchaseOutcome.Reserved reserved && !reserved.replayed()) {
				this.events.publishEvent(new StockChanged(command.saleId()));
				return this.handOff.sendWithin(reserved.order()).thenApply((acknowledged) -> counted(outcome));
			}
			if (outcome instanceof PurchaseOutcome.SoldOut soldOut && soldOut.remaining() == 0) {
				this.gate.soldOut(command.saleId());
			}
			return CompletableFuture.completedFuture(counted(outcome));
		});
	}

	private RuntimeException failed(String orderId, Throwable error) {
		if (error instanceof QueryTimeoutException timeout) {
			// Sent, but not answered in time: it may yet run. (A connection that is down
			// rejects the command before it is sent: that one is plainly unavailable.)
			count("unknown");
			return new PurchaseOutcomeUnknown(orderId, timeout);
		}
		// Refused before it ran (Redis away or still loading): no stock was taken.
		count("unavailable");
		return (error instanceof RuntimeException runtime) ? runtime : new CompletionException(error);
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

	private PurchaseOutcome counted(PurchaseOutcome outcome) {
		count(outcome.match(OUTCOME_NAMES));
		return outcome;
	}

	/**
	 * A retry on a sale Redis let go of: the order store remembers which order the key
	 * made.
	 */
	private java.util.Optional<PurchaseOutcome> replayArchived(PurchaseCommand command) {
		return this.keptKeys.find(command.saleId(), command.userId(), command.idempotencyKey())
			.map((order) -> (order.quantity() != command.quantity())
					? new PurchaseOutcome.IdempotencyKeyReused(order.orderId())
					: new PurchaseOutcome.Reserved(order, 0, true));
	}

	private static final PurchaseOutcome SOLD_OUT = new PurchaseOutcome.SoldOut(0);

	/**
	 * A purchase under way.
	 *
	 * @param orderId the id its order has if it goes through
	 * @param outcome completes on a client library's I/O thread (see
	 * {@link #purchase(PurchaseCommand)})
	 */
	public record Pending(String orderId, CompletableFuture<PurchaseOutcome> outcome) {
	}

	private void count(String outcome) {
		this.outcomes
			.computeIfAbsent(outcome,
					(name) -> Counter.builder("velocity.purchases")
						.description("Purchase attempts by outcome")
						.tag("outcome", name)
						.register(this.meters))
			.increment();
	}

	private static final PurchaseOutcome.Cases<String> OUTCOME_NAMES = new PurchaseOutcome.Cases<>() {

		@Override
		public String reserved(PurchaseOutcome.Reserved reserved) {
			return reserved.replayed() ? "replayed" : "accepted";
		}

		@Override
		public String soldOut(PurchaseOutcome.SoldOut soldOut) {
			return "sold_out";
		}

		@Override
		public String limitReached(PurchaseOutcome.LimitReached limitReached) {
			return "limit_reached";
		}

		@Override
		public String saleNotOpen(PurchaseOutcome.SaleNotOpen saleNotOpen) {
			return "sale_not_open";
		}

		@Override
		public String saleNotFound(PurchaseOutcome.SaleNotFound saleNotFound) {
			return "sale_not_found";
		}

		@Override
		public String idempotencyKeyReused(PurchaseOutcome.IdempotencyKeyReused reused) {
			return "idempotency_key_reused";
		}

		@Override
		public String notAdmitted(PurchaseOutcome.NotAdmitted notAdmitted) {
			return "not_admitted";
		}

		@Override
		public String rateLimited(PurchaseOutcome.RateLimited rateLimited) {
			return "rate_limited";
		}

	};

}
