package dev.velocity.api.order;

import java.util.concurrent.CompletableFuture;

import dev.velocity.orders.OrderPlaced;

/** Sends orders to the orders queue. */
public interface OrderPublisher {

	/**
	 * Sends one order.
	 * @param order the order
	 * @param firstSend whether the order was never sent before (a resend may already be
	 * stored, and the worker must look before it writes)
	 * @return completes when the queue has acknowledged it; when it has not, fails with a
	 * {@link SendFailed} shared by all the orders of the failed send
	 */
	CompletableFuture<Void> publish(OrderPlaced order, boolean firstSend);

}
