package dev.velocity.api.inventory;

/**
 * Redis let go of an archived sale: what other features keep for it in Redis goes too.
 *
 * @param saleId the sale
 */
public record SaleArchived(String saleId) {

}
