package dev.velocity.worker.order;

import java.util.concurrent.CompletableFuture;

import dev.velocity.model.OrderPlaced;

/** Where orders become durable. */
public interface OrderStore {

	/**
	 * Writes an order unless one with its id is already there; an existing order is never
	 * overwritten, so a redelivery cannot roll it back to an earlier state.
	 * @param order the order
	 * @return whether it was written or already present; fails when the store did not
	 * answer
	 */
	CompletableFuture<Saved> save(OrderPlaced order);

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
