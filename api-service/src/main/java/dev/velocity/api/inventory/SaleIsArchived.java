package dev.velocity.api.inventory;

/**
 * An archived sale (or one being archived) stays as it ended: it is not redefined,
 * reopened or deleted.
 */
public class SaleIsArchived extends RuntimeException {

	public SaleIsArchived(String saleId) {
		super("Sale " + saleId + " is archived: it stays as it ended");
	}

}
