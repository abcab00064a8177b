package dev.velocity.api.order.web;

import java.time.Instant;

/**
 * Body of {@code GET /orders/{orderId}}.
 *
 * @param orderId the order id
 * @param saleId the sale
 * @param userId the shopper
 * @param quantity units
 * @param placedAt when it was accepted
 * @param status how far the order has travelled
 */
public record OrderView(String orderId, String saleId, String userId, int quantity, Instant placedAt,
		OrderStatus status) {

}
