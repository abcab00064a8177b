package dev.velocity.api.purchase;

/**
 * A shopper's request to buy.
 *
 * @param saleId the sale
 * @param userId the shopper
 * @param quantity units, at least 1
 * @param idempotencyKey the client's retry key, or {@code null}
 */
public record PurchaseCommand(String saleId, String userId, int quantity, String idempotencyKey) {

}
