package dev.velocity.api.order;

/** The orders dead-letter queue: what the worker could not store after every retry. */
public interface DeadLetters {

	/** Messages waiting in the DLQ (approximate, as SQS counts). */
	long depth();

	/**
	 * Moves messages from the DLQ back to the orders queue (after the cause is fixed).
	 * @param max most messages to move
	 * @return how many were moved
	 */
	int redrive(int max);

}
