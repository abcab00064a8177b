package dev.velocity.api.order;

/**
 * One send to the queue failed. Every order that send carried fails with this same
 * instance, so the hand-off counts the queue's failures per send, whatever the number of
 * orders a send carries.
 */
public class SendFailed extends RuntimeException {

	public SendFailed(Throwable cause) {
		super(cause.getMessage(), cause);
	}

}
