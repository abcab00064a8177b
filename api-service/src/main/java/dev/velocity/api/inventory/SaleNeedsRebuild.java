package dev.velocity.api.inventory;

/**
 * Redis lost a sale its durable record knows: it stays closed until it is rebuilt from
 * its orders.
 */
public class SaleNeedsRebuild extends RuntimeException {

	public SaleNeedsRebuild(String saleId) {
		super("Sale " + saleId + " was lost by Redis and is closed until it is rebuilt from its orders "
				+ "(POST /admin/sales/" + saleId + "/rebuild, or wait for the reconciler)");
	}

}
