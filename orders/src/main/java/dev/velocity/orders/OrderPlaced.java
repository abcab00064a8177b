package dev.velocity.orders;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The message the API hands to the orders queue once Redis has accepted a purchase. SQS
 * delivers it at least once, so consumers must treat {@code orderId} as the idempotency
 * key.
 *
 * @param orderId globally unique order id ({@code <saleId>.<uuid>})
 * @param saleId the sale the units were taken from
 * @param userId the shopper
 * @param quantity units taken, at least 1
 * @param placedAt when Redis accepted the order (Redis server clock)
 * @param idempotencyKey the client's {@code Idempotency-Key}, or {@code null}
 */
public record OrderPlaced(String orderId, String saleId, String userId, int quantity, Instant placedAt,
		@Nullable String idempotencyKey) {

}
