package dev.velocity.api.web;

import java.io.IOException;

/** A request body still arriving past its deadline (see {@link BodySizeLimitFilter}). */
public class BodyTooSlow extends IOException {

	BodyTooSlow() {
		super("The request body did not arrive in time");
	}

	/**
	 * Whether a failure was caused by a body too slow to arrive.
	 * @param failure a read failure, possibly wrapped
	 * @return whether it was
	 */
	public static boolean causedIt(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooSlow) {
				return true;
			}
		}
		return false;
	}

}
