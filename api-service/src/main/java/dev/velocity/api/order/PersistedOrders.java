package dev.velocity.api.order;

/**
 * What the order store holds of a sale.
 *
 * @param orders distinct persisted orders
 * @param units the units those orders bought
 */
public record PersistedOrders(long orders, long units) {

}
