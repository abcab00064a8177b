package dev.velocity.api.order.web;

/** How far an order has travelled. */
public enum OrderStatus {

	/** Accepted by the API (held in Redis, on its way to the store). */
	ACCEPTED,
	/** Persisted in the order store. */
	CONFIRMED

}
