package dev.velocity.api.purchase;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.velocity.api.inventory.StockChanged;
import dev.velocity.api.order.KeptIdempotencyKeys;
import dev.velocity.api.order.OrderHandOff;
import dev.velocity.api.web.Ids;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Service;

/**
 * The purchase path: one atomic reservation in the inventory, then the hand-off of the
 * new order to the queue. The shopper's answer waits for the queue's acknowledgement, at
 * most {@code ack-wait}: either way the order is already in the outbox, from which it is
 * relayed until the queue has acknowledged it.
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

	PurchaseService(Inventory inventory, SoldOutGate gate, OrderHandOff handOff, ApplicationEventPublisher events,
			KeptIdempotencyKeys keptKeys, MeterRegistry meters) {
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
	 * Buys, or says why not; the caller asks {@link #atGate} first.
	 * @param command what to buy
	 * @return the outcome
	 * @throws dev.velocity.api.order.HandOffUnavailable when the queue has been failing,
	 * before any stock is taken
	 * @throws PurchaseOutcomeUnknown when the inventory did not answer in time
	 */
	public PurchaseOutcome purchase(PurchaseCommand command) {
		// The caller asked atGate first: the gate is not asked twice.
		try {
			this.handOff.ensureAvailable();
		}
		catch (RuntimeException ex) {
			count("unavailable");
			throw ex;
		}
		String orderId = Ids.orderId(command.saleId(), UUID.randomUUID().toString());
		long start = System.nanoTime();
		PurchaseOutcome outcome;
		try {
			outcome = this.inventory.reserve(command, orderId);
		}
		catch (QueryTimeoutException ex) {
			// Sent, but not answered in time: it may yet run. (A connection that is down
			// rejects the command before it is sent: that one is plainly unavailable.)
			count("unknown");
			throw new PurchaseOutcomeUnknown(orderId, ex);
		}
		catch (DataAccessException ex) {
			// Refused before it ran (Redis away or still loading): no stock was taken.
			count("unavailable");
			throw ex;
		}
		this.reserveTimer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
		if (outcome instanceof PurchaseOutcome.SaleNotOpen notOpen
				&& notOpen.reason() == PurchaseOutcome.SaleNotOpen.Reason.ARCHIVED
				&& command.idempotencyKey() != null) {
			outcome = replayArchived(command).orElse(outcome);
		}
		if (outcome instanceof PurchaseOutcome.Reserved reserved && !reserved.replayed()) {
			this.handOff.sendAndAwait(reserved.order());
			this.events.publishEvent(new StockChanged(command.saleId()));
		}
		else if (outcome instanceof PurchaseOutcome.SoldOut soldOut && soldOut.remaining() == 0) {
			this.gate.soldOut(command.saleId());
		}
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
