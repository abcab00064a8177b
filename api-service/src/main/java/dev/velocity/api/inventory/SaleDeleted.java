package dev.velocity.api.inventory;

/**
 * A sale was deleted (it never sold): what other features keep for it goes too.
 *
 * @param saleId the sale
 */
public record SaleDeleted(String saleId) {

}
