package dev.velocity.api.lifecycle;

/** A sale that may still change, or whose books do not balance yet, is not archived. */
public class SaleNotArchivable extends RuntimeException {

	private final Reason reason;

	public SaleNotArchivable(String saleId, Reason reason, String why) {
		super("Sale " + saleId + " is not archived: " + why);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

	/** Why. */
	public enum Reason {

		/** It has not ended: close it first. */
		NOT_ENDED,
		/**
		 * Orders are on their way to the order store: it is archived once they are in.
		 */
		IN_TRANSIT,
		/** Redis lost it, or is rebuilding it: its books are not known yet. */
		NEEDS_REBUILD,
		/** A draft never sold: delete it instead. */
		DRAFT,
		/** Another instance is rebuilding or archiving it. */
		BUSY

	}

}
