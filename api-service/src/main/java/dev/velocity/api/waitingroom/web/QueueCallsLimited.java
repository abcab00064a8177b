package dev.velocity.api.waitingroom.web;

/** A shopper called the queue more often than its limit allows. */
class QueueCallsLimited extends RuntimeException {

	private final long retryAfterSeconds;

	QueueCallsLimited(long retryAfterSeconds) {
		super("Too many calls to the queue: ask again in " + retryAfterSeconds + " s", null, false, false);
		this.retryAfterSeconds = retryAfterSeconds;
	}

	long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
