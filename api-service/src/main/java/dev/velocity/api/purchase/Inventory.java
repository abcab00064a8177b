package dev.velocity.api.purchase;

import java.util.concurrent.CompletableFuture;

/** The stock of every sale: the one place where units are taken, atomically. */
public interface Inventory {

	/**
	 * Checks the sale and the shopper's limit and, only if both allow it, takes the units
	 * and records the order (in the same atomic step, so an accepted order exists before
	 * any queue knows it).
	 * @param command what to buy
	 * @param orderId the id to give the order if it is accepted
	 * @return the outcome, completed on the thread that reads the store's reply; or the
	 * store's failure ({@link org.springframework.dao.QueryTimeoutException} when it did
	 * not answer in time: the step may yet run)
	 */
	CompletableFuture<PurchaseOutcome> reserve(PurchaseCommand command, String orderId);

}
