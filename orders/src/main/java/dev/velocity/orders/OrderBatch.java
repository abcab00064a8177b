package dev.velocity.orders;

import java.util.List;

/**
 * The body of one message on the orders queue: the orders the API accepted while its
 * earlier sends were in flight, sent together (group commit). Under a storm one message
 * carries dozens of orders, so the queue's and the SDK's per-message work is paid once
 * for all of them. Consumers also accept a body that is a single {@link OrderPlaced} (the
 * format before batches), so messages already queued by an older API are still read.
 *
 * @param orders the orders, at least one; each is idempotent by its {@code orderId}
 */
public record OrderBatch(List<OrderPlaced> orders) {

	/** The body's field that tells a batch from a single order. */
	public static final String ORDERS = "orders";

	/**
	 * Message attribute, {@code "true"} on a message that carries only first sends: on
	 * its first delivery none of its orders can be stored yet, so the worker writes them
	 * without reading the store first. Resent orders (the outbox relay's) never travel
	 * under it, and a redelivered message is read-checked whatever it says.
	 */
	public static final String FIRST_SENDS = "velocity-first-sends";

}
