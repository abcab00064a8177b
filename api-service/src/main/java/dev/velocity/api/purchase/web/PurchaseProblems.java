package dev.velocity.api.purchase.web;

import dev.velocity.api.purchase.PurchaseOutcomeUnknown;
import dev.velocity.api.web.ApiExceptionHandler;
import dev.velocity.api.web.HttpProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The purchase path's failures as problems (ahead of the catch-all in {@code web}). */
@RestControllerAdvice
@Order(0)
class PurchaseProblems {

	private static final Logger log = LoggerFactory.getLogger(PurchaseProblems.class);

	@ExceptionHandler(PurchaseOutcomeUnknown.class)
	ResponseEntity<ProblemDetail> purchaseOutcomeUnknown(PurchaseOutcomeUnknown ex) {
		log.warn("Purchase outcome unknown: {}", ex.getMessage());
		ProblemDetail problem = HttpProblemTypes.UNAVAILABLE.problem("The purchase was not decided in time: it may "
				+ "have gone through as order " + ex.orderId() + ". A retry with the same Idempotency-Key is "
				+ "answered with that order if it did; GET /orders/" + ex.orderId() + " tells.");
		problem.setProperty("orderId", ex.orderId());
		return ApiExceptionHandler.unavailable(problem);
	}

}
