package dev.velocity.api.purchase;

import java.time.Instant;

import dev.velocity.orders.OrderPlaced;

/**
 * What the atomic purchase step decided. Java 17 has no pattern switch, so {@link #match}
 * makes the compiler check that every caller handles every case.
 */
public sealed interface PurchaseOutcome {

	<R> R match(Cases<R> cases);

	/** One handler per outcome. */
	interface Cases<R> {

		R reserved(Reserved reserved);

		R soldOut(SoldOut soldOut);

		R limitReached(LimitReached limitReached);

		R saleNotOpen(SaleNotOpen saleNotOpen);

		R saleNotFound(SaleNotFound saleNotFound);

		R idempotencyKeyReused(IdempotencyKeyReused reused);

		R rateLimited(RateLimited rateLimited);

		R notAdmitted(NotAdmitted notAdmitted);

	}

	/**
	 * Units taken and the order recorded.
	 *
	 * @param order the order
	 * @param remaining units left after it
	 * @param replayed whether an earlier request with the same idempotency key created it
	 */
	record Reserved(OrderPlaced order, long remaining, boolean replayed) implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.reserved(this);
		}

	}

	/**
	 * Fewer units left than asked for.
	 *
	 * @param remaining units left (0 when sold out)
	 */
	record SoldOut(long remaining) implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.soldOut(this);
		}

	}

	/**
	 * The shopper would pass the per-user limit.
	 *
	 * @param limit the limit
	 * @param bought units the shopper already has
	 */
	record LimitReached(long limit, long bought) implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.limitReached(this);
		}

	}

	/**
	 * The sale does not sell now.
	 *
	 * @param reason why
	 * @param at when it opens or closed, {@code null} when held closed
	 */
	record SaleNotOpen(Reason reason, Instant at) implements PurchaseOutcome {

		/** Why a sale does not sell. */
		public enum Reason {

			NOT_STARTED, ENDED, CLOSED,
			/** Ended, and Redis let go of it: its books are in the order store. */
			ARCHIVED

		}

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.saleNotOpen(this);
		}

	}

	/** No such sale. */
	record SaleNotFound() implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.saleNotFound(this);
		}

	}

	/**
	 * Over a rate limit: nothing was taken.
	 *
	 * @param scope whose limit: {@code shopper} or {@code address}
	 * @param retryAfterMillis when a request would be allowed again
	 */
	record RateLimited(String scope, long retryAfterMillis) implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.rateLimited(this);
		}

	}

	/**
	 * The shopper already used the idempotency key for another quantity.
	 *
	 * @param orderId that order
	 */
	record IdempotencyKeyReused(String orderId) implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.idempotencyKeyReused(this);
		}

	}

	/** The sale has a waiting room, and the purchase came without a valid admission. */
	record NotAdmitted() implements PurchaseOutcome {

		@Override
		public <R> R match(Cases<R> cases) {
			return cases.notAdmitted(this);
		}

	}

}
