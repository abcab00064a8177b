package dev.velocity.api.purchase;

import org.jspecify.annotations.Nullable;

/**
 * A shopper's request to buy.
 *
 * @param saleId the sale
 * @param userId the shopper: the subject of the request's verified token
 * @param quantity units, at least 1
 * @param idempotencyKey the client's retry key (the shopper's own), or {@code null}
 * @param clientAddress the client's normalized address, for its rate limit
 * @param admitted whether the request carries a valid admission to the sale for the
 * shopper (needed where the sale has a waiting room)
 */
public record PurchaseCommand(String saleId, String userId, int quantity, @Nullable String idempotencyKey,
		String clientAddress, boolean admitted) {

}
