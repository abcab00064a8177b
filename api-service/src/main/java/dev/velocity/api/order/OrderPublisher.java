package dev.velocity.api.order;

import java.util.concurrent.CompletableFuture;

import dev.velocity.model.OrderPlaced;

/** Sends orders to the orders queue. */
public interface OrderPublisher {

	/**
	 * Sends one order.
	 * @param order the order
	 * @return completes when the queue has acknowledged it, exceptionally when it has not
	 */
	CompletableFuture<Void> publish(OrderPlaced order);

}
