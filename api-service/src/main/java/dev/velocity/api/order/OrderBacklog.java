package dev.velocity.api.order;

/** The orders queue seen from the outside. */
public interface OrderBacklog {

	/**
	 * Messages on the orders queue, visible or being handled (approximate, as SQS
	 * counts).
	 */
	long depth();

}
