package dev.velocity.api.web;

import java.io.IOException;

/** A request body read past the size limit (see {@link BodySizeLimitFilter}). */
public class BodyTooLarge extends IOException {

	BodyTooLarge(long maxBytes) {
		super("The request body exceeds " + maxBytes + " bytes");
	}

	/**
	 * Whether a failure was caused by reading past the limit.
	 * @param failure a read failure, possibly wrapped
	 * @return whether it was
	 */
	public static boolean causedIt(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BodyTooLarge) {
				return true;
			}
		}
		return false;
	}

}
