package dev.velocity.api.order;

import java.util.concurrent.CompletableFuture;

import dev.velocity.model.OrderPlaced;

/** Sends orders to the orders queue. */
public interface OrderPublisher {

	/**
	 * Sends one order.
	 * @param order the order
	 * @return completes when the queue has acknowledged it; when it has not, fails with a
	 * {@link SendFailed} shared by all the orders of the failed send
	 */
	CompletableFuture<Void> publish(OrderPlaced order);

}
