package dev.velocity.api.inventory;

/** Where a sale stands, by the time of the answer. */
public enum SaleState {

	/** Not open yet. */
	UPCOMING,
	/** Open and with stock. */
	OPEN,
	/** Open, but nothing left. */
	SOLD_OUT,
	/** Past its end. */
	ENDED

}
