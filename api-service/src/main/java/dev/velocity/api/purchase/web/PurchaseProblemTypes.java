package dev.velocity.api.purchase.web;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The purchase path's refusals (a sale that does not exist is the inventory's). */
final class PurchaseProblemTypes {

	static final ProblemType SOLD_OUT = ProblemType.of("sold-out", HttpStatus.CONFLICT, "Sold out");

	static final ProblemType LIMIT_REACHED = ProblemType.of("limit-reached", HttpStatus.CONFLICT,
			"Purchase limit reached");

	static final ProblemType SALE_NOT_OPEN = ProblemType.of("sale-not-open", HttpStatus.CONFLICT, "Sale not open");

	static final ProblemType SHOPPER_MISMATCH = ProblemType.of("shopper-mismatch", HttpStatus.FORBIDDEN,
			"Not the signed-in shopper");

	static final ProblemType IDEMPOTENCY_KEY_REUSED = ProblemType.of("idempotency-key-reused",
			HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency key reused for another request");

	static final ProblemType ADMISSION_REQUIRED = ProblemType.of("admission-required", HttpStatus.FORBIDDEN,
			"Admission from the waiting room required");

	static final ProblemType ADMISSION_INVALID = ProblemType.of("admission-invalid", HttpStatus.FORBIDDEN,
			"Admission not valid for this purchase");

	private PurchaseProblemTypes() {
	}

}
