package dev.velocity.api.order;

/**
 * The orders queue has been failing: new purchases are refused until it answers again.
 */
public class HandOffUnavailable extends RuntimeException {

	public HandOffUnavailable(int consecutiveFailures) {
		super("The orders queue failed " + consecutiveFailures + " sends in a row");
	}

}
