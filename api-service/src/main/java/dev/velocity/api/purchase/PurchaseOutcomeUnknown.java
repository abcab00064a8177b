package dev.velocity.api.purchase;

import org.jspecify.annotations.Nullable;

/**
 * The inventory did not answer in time, or the caller stopped waiting (the answer's
 * deadline), so whether the purchase went through is not known: the command may still
 * have run after the wait gave up. If it did, the order has this id (its stock is taken
 * and the outbox sends it like any other), so the shopper is told the id: a retry with
 * the same {@code Idempotency-Key} is answered with that order.
 */
public class PurchaseOutcomeUnknown extends RuntimeException {

	private final String orderId;

	PurchaseOutcomeUnknown(String orderId, @Nullable Throwable cause) {
		super("Not decided in time; the purchase may have gone through as order " + orderId, cause);
		this.orderId = orderId;
	}

	/**
	 * The id the order has if the purchase went through.
	 * @return the order id
	 */
	public String orderId() {
		return this.orderId;
	}

}
