package dev.velocity.api.purchase.web;

import dev.velocity.api.purchase.PurchaseCommand;
import dev.velocity.api.purchase.PurchaseOutcome;
import dev.velocity.api.purchase.PurchaseService;
import dev.velocity.api.web.InvalidRequest;
import dev.velocity.api.web.ProblemType;
import dev.velocity.model.PurchaseAccepted;
import dev.velocity.model.PurchaseRequest;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /buy}. */
@RestController
class PurchaseController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final PurchaseService purchases;

	PurchaseController(PurchaseService purchases) {
		this.purchases = purchases;
	}

	@PostMapping(path = "/buy", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> buy(@Valid @RequestBody PurchaseRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey) {
		checkIdempotencyKey(idempotencyKey);
		PurchaseCommand command = new PurchaseCommand(request.saleId(), request.userId(), request.quantity(),
				idempotencyKey);
		return this.purchases.purchase(command).match(new Answer(command));
	}

	private static void checkIdempotencyKey(String key) {
		if (key == null) {
			return;
		}
		if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
				|| !key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
			throw new InvalidRequest(
					IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
		}
	}

	/** The HTTP answer for each outcome. */
	private record Answer(PurchaseCommand command) implements PurchaseOutcome.Cases<ResponseEntity<?>> {

		@Override
		public ResponseEntity<?> reserved(PurchaseOutcome.Reserved reserved) {
			var order = reserved.order();
			return ResponseEntity.ok(new PurchaseAccepted(order.orderId(), order.saleId(), order.userId(),
					order.quantity(), reserved.remaining()));
		}

		@Override
		public ResponseEntity<?> soldOut(PurchaseOutcome.SoldOut soldOut) {
			String detail = (soldOut.remaining() == 0) ? "Sale " + this.command.saleId() + " is sold out" : "Only "
					+ soldOut.remaining() + " units left, fewer than the " + this.command.quantity() + " asked for";
			ProblemDetail problem = ProblemType.SOLD_OUT.problem(detail);
			problem.setProperty("remaining", soldOut.remaining());
			return problem(problem);
		}

		@Override
		public ResponseEntity<?> limitReached(PurchaseOutcome.LimitReached limitReached) {
			ProblemDetail problem = ProblemType.LIMIT_REACHED
				.problem("At most " + limitReached.limit() + " units per shopper; you have " + limitReached.bought());
			problem.setProperty("limit", limitReached.limit());
			problem.setProperty("bought", limitReached.bought());
			return problem(problem);
		}

		@Override
		public ResponseEntity<?> saleNotOpen(PurchaseOutcome.SaleNotOpen saleNotOpen) {
			String detail = switch (saleNotOpen.reason()) {
				case NOT_STARTED -> "The sale opens at " + saleNotOpen.at();
				case ENDED -> "The sale ended at " + saleNotOpen.at();
				case CLOSED -> "The sale is closed for now";
			};
			ProblemDetail problem = ProblemType.SALE_NOT_OPEN.problem(detail);
			problem.setProperty("reason", saleNotOpen.reason().name());
			if (saleNotOpen.at() != null) {
				problem.setProperty((saleNotOpen.reason() == PurchaseOutcome.SaleNotOpen.Reason.NOT_STARTED)
						? "startsAt" : "endsAt", saleNotOpen.at().toString());
			}
			return problem(problem);
		}

		@Override
		public ResponseEntity<?> saleNotFound(PurchaseOutcome.SaleNotFound saleNotFound) {
			return problem(ProblemType.SALE_NOT_FOUND.problem("No sale '" + this.command.saleId() + "'"));
		}

		@Override
		public ResponseEntity<?> idempotencyKeyReused(PurchaseOutcome.IdempotencyKeyReused reused) {
			ProblemDetail problem = ProblemType.IDEMPOTENCY_KEY_REUSED
				.problem("This " + IDEMPOTENCY_KEY + " was already used for a different purchase");
			problem.setProperty("orderId", reused.orderId());
			return problem(problem);
		}

		private static ResponseEntity<?> problem(ProblemDetail problem) {
			problem.setInstance(java.net.URI.create("/buy"));
			return ResponseEntity.status(problem.getStatus()).body(problem);
		}

	}

}
