package dev.velocity.worker.order;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.velocity.orders.OrderPlaced;

/** Where orders become durable. */
public interface OrderStore {

	/**
	 * Writes the orders not already there. An order that may be there is looked up first
	 * and never overwritten; an unseen one (a first send on its first delivery) is
	 * written at once, saving the look-up. Then all of them, written or found, are listed
	 * for their sales (see {@code OrderTable}).
	 * @param orders the orders (one receive's)
	 * @param unseen the ids, among them, of orders no earlier message can have stored
	 * @return for each order, in the same order, whether it was written or already
	 * present; fails when the store did not take them all (the ones it took stay)
	 */
	CompletableFuture<List<Saved>> saveAll(List<OrderPlaced> orders, Set<String> unseen);

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
