package dev.velocity.api.inventory;

/** Where a sale stands, by the time of the answer. */
public enum SaleState {

	/** Defined, not scheduled: it never sells until it is. */
	DRAFT,
	/** Not open yet. */
	UPCOMING,
	/** Open and with stock. */
	OPEN,
	/** Open, but nothing left. */
	SOLD_OUT,
	/** Past its end. */
	ENDED,
	/** Ended, its books balanced and kept in the order store; Redis let go of it. */
	ARCHIVED

}
