package dev.velocity.api.redis;

import java.time.Instant;

import dev.velocity.orders.OrderPlaced;

/**
 * An order as {@code purchase.lua} stores it (JSON; {@code placedAt} in epoch ms), read
 * by every feature's Redis adapter that meets one.
 *
 * @param orderId the order id
 * @param saleId the sale
 * @param userId the shopper
 * @param quantity units
 * @param placedAt when it was accepted, epoch ms (Redis TIME)
 * @param idempotencyKey the shopper's key, or {@code null}
 */
public record StoredOrder(String orderId, String saleId, String userId, int quantity, long placedAt,
		String idempotencyKey) {

	public OrderPlaced toOrderPlaced() {
		return new OrderPlaced(this.orderId, this.saleId, this.userId, this.quantity,
				Instant.ofEpochMilli(this.placedAt), this.idempotencyKey);
	}

}
