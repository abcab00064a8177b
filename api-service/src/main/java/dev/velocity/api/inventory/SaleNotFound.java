package dev.velocity.api.inventory;

/** No sale has this id. */
public class SaleNotFound extends RuntimeException {

	public SaleNotFound(String saleId) {
		super("No sale '" + saleId + "'");
	}

}
