package dev.velocity.api.inventory;

/** A sale's stock cannot be set below what it has already sold. */
public class StockBelowSold extends RuntimeException {

	private final long sold;

	public StockBelowSold(String saleId, long requested, long sold) {
		super("Sale " + saleId + " has already sold " + sold + " units; its stock cannot be " + requested);
		this.sold = sold;
	}

	public long sold() {
		return this.sold;
	}

}
