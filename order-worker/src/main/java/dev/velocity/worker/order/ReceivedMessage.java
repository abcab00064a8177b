package dev.velocity.worker.order;

/**
 * A message as the queue delivered it.
 *
 * @param messageId the queue's id (for logs)
 * @param body the payload
 * @param sentAtMillis when it was first sent (SentTimestamp)
 * @param receiveCount how many times it has been received, this time included
 */
public record ReceivedMessage(String messageId, String body, long sentAtMillis, int receiveCount) {

}
