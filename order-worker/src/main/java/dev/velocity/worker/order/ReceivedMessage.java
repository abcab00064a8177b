package dev.velocity.worker.order;

/**
 * A message as the queue delivered it.
 *
 * @param messageId the queue's id (for logs)
 * @param body the payload
 * @param sentAtMillis when it was first sent (SentTimestamp)
 * @param receiveCount how many times it has been received, this time included
 * @param firstSends whether the sender marked it as holding only first sends
 * ({@link dev.velocity.orders.OrderBatch#FIRST_SENDS})
 */
public record ReceivedMessage(String messageId, String body, long sentAtMillis, int receiveCount, boolean firstSends) {

	/**
	 * Whether none of this message's orders can be stored yet: it holds only first sends
	 * and is delivered for the first time.
	 * @return whether its orders may be written without a look at the store
	 */
	public boolean unseen() {
		return this.firstSends && this.receiveCount <= 1;
	}

}
