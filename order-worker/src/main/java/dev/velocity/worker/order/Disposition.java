package dev.velocity.worker.order;

/** What to do with a message once it has been handled. */
public enum Disposition {

	/** Its order is stored: delete it. */
	DONE,
	/** The write failed: leave it, it comes back after the visibility timeout. */
	RETRY,
	/**
	 * Not an order: make it visible again at once, so the redrive policy moves it to the
	 * DLQ.
	 */
	POISON

}
