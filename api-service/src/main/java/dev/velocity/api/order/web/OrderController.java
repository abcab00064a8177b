package dev.velocity.api.order.web;

import java.util.Optional;

import dev.velocity.api.identity.IdentityProperties;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.OrderLookup;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import dev.velocity.orders.OrderPlaced;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orders/{orderId}}: {@code CONFIRMED} once the order is in the order store,
 * {@code ACCEPTED} while only Redis has it.
 */
@RestController
class OrderController {

	private static final Logger log = LoggerFactory.getLogger(OrderController.class);

	private final ConfirmedOrders confirmed;

	private final OrderLookup accepted;

	private final String adminAuthority;

	OrderController(ConfirmedOrders confirmed, OrderLookup accepted, IdentityProperties identity) {
		this.confirmed = confirmed;
		this.accepted = accepted;
		this.adminAuthority = identity.adminAuthority();
	}

	/**
	 * An order, for its shopper or an admin; to anyone else it does not exist (404, as
	 * for an unknown id, so ids cannot be probed).
	 * @param orderId the order
	 * @param reader the verified token's holder
	 * @return the order, or a 404 problem
	 */
	@GetMapping("/orders/{orderId}")
	@ProblemResponses("order-not-found")
	@ApiResponse(responseCode = "200", description = "The order",
			content = @Content(schema = @Schema(implementation = OrderView.class)))
	ResponseEntity<?> get(@PathVariable String orderId, Authentication reader) {
		if (Ids.saleIdOf(orderId) == null) {
			return notFound(orderId);
		}
		Optional<OrderView> view = findConfirmed(orderId).map((order) -> view(order, OrderStatus.CONFIRMED))
			.or(() -> this.accepted.find(orderId).map((order) -> view(order, OrderStatus.ACCEPTED)))
			.filter((order) -> order.userId().equals(reader.getName()) || isAdmin(reader));
		return view.<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> notFound(orderId));
	}

	private boolean isAdmin(Authentication reader) {
		return reader.getAuthorities()
			.stream()
			.anyMatch((authority) -> this.adminAuthority.equals(authority.getAuthority()));
	}

	private Optional<OrderPlaced> findConfirmed(String orderId) {
		try {
			return this.confirmed.find(orderId);
		}
		catch (RuntimeException ex) {
			// The store is away: Redis still knows the order, so answer from it.
			log.warn("Order store unavailable for {}: {}", orderId, ex.toString());
			return Optional.empty();
		}
	}

	private static OrderView view(OrderPlaced order, OrderStatus status) {
		return new OrderView(order.orderId(), order.saleId(), order.userId(), order.quantity(), order.placedAt(),
				status);
	}

	private static ResponseEntity<?> notFound(String orderId) {
		return ResponseEntity.status(404).body(OrderProblemTypes.ORDER_NOT_FOUND.problem("No order '" + orderId + "'"));
	}

}
