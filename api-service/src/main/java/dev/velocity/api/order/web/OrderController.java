package dev.velocity.api.order.web;

import dev.velocity.api.order.OrderLookup;
import dev.velocity.api.web.ProblemType;
import dev.velocity.model.OrderStatus;
import dev.velocity.model.OrderView;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /orders/{orderId}}. */
@RestController
class OrderController {

	private final OrderLookup orders;

	OrderController(OrderLookup orders) {
		this.orders = orders;
	}

	@GetMapping("/orders/{orderId}")
	ResponseEntity<?> get(@PathVariable String orderId) {
		return this.orders.find(orderId)
			.<ResponseEntity<?>>map((order) -> ResponseEntity.ok(new OrderView(order.orderId(), order.saleId(),
					order.userId(), order.quantity(), order.placedAt(), OrderStatus.ACCEPTED)))
			.orElseGet(() -> ResponseEntity.status(404)
				.body(ProblemType.ORDER_NOT_FOUND.problem("No order '" + orderId + "'")));
	}

}
