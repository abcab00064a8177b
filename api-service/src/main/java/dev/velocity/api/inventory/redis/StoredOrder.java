package dev.velocity.api.inventory.redis;

import java.time.Instant;

import dev.velocity.model.OrderPlaced;

/** An order as {@code purchase.lua} stores it (JSON; {@code placedAt} in epoch ms). */
record StoredOrder(String orderId, String saleId, String userId, int quantity, long placedAt, String idempotencyKey) {

	OrderPlaced toOrderPlaced() {
		return new OrderPlaced(this.orderId, this.saleId, this.userId, this.quantity,
				Instant.ofEpochMilli(this.placedAt), this.idempotencyKey);
	}

}
