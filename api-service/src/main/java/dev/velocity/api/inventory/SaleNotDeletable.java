package dev.velocity.api.inventory;

/** A sale that sold something, or that may sell at any moment, is not deleted. */
public class SaleNotDeletable extends RuntimeException {

	private final Reason reason;

	private final long sold;

	public SaleNotDeletable(String saleId, Reason reason, long sold) {
		super(switch (reason) {
			case HAS_SALES -> "Sale " + saleId + " has sold " + sold + " units: its books are kept";
			case OPEN -> "Sale " + saleId + " is open: close it first";
		});
		this.reason = reason;
		this.sold = sold;
	}

	public Reason reason() {
		return this.reason;
	}

	public long sold() {
		return this.sold;
	}

	/** Why. */
	public enum Reason {

		/** Something was sold. */
		HAS_SALES,
		/** It may sell at any moment. */
		OPEN

	}

}
