package dev.velocity.api.order.web;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The order look-up's problems. */
final class OrderProblemTypes {

	static final ProblemType ORDER_NOT_FOUND = ProblemType.of("order-not-found", HttpStatus.NOT_FOUND,
			"Order not found");

	private OrderProblemTypes() {
	}

}
