package dev.velocity.worker.order;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.velocity.model.OrderPlaced;

/** Where orders become durable. */
public interface OrderStore {

	/**
	 * Writes the orders not already there; an existing order is never overwritten, so a
	 * redelivery cannot roll it back to an earlier state.
	 * @param orders the orders (one message's)
	 * @return for each order, in the same order, whether it was written or already
	 * present; fails when the store did not take them all (the ones it took stay)
	 */
	CompletableFuture<List<Saved>> saveAll(List<OrderPlaced> orders);

	/** What a save found. */
	enum Saved {

		/** Written now. */
		CREATED,
		/**
		 * An order with this id was already stored (a redelivery or a duplicate send).
		 */
		ALREADY_PRESENT

	}

}
