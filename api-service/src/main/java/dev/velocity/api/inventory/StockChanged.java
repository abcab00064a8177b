package dev.velocity.api.inventory;

/**
 * The stock of a sale changed (a purchase, a restock, a new sale).
 *
 * @param saleId the sale
 */
public record StockChanged(String saleId) {

}
