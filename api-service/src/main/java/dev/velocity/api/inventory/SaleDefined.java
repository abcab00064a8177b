package dev.velocity.api.inventory;

/**
 * A sale was created, replaced (a restock) or rebuilt: whatever anyone remembered about
 * its stock is stale.
 *
 * @param saleId the sale
 */
public record SaleDefined(String saleId) {

}
