package dev.velocity.api.purchase.web;

/**
 * Body of a 200 answer to {@code POST /buy}: the order exists and will reach the store.
 *
 * @param orderId the order id, the same for every retry with one {@code Idempotency-Key}
 * @param saleId the sale
 * @param userId the shopper
 * @param quantity units taken
 * @param remaining units left in the sale right after this purchase
 */
public record PurchaseAccepted(String orderId, String saleId, String userId, int quantity, long remaining) {

}
