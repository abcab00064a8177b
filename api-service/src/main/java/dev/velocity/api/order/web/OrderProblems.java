package dev.velocity.api.order.web;

import dev.velocity.api.order.HandOffUnavailable;
import dev.velocity.api.web.ApiExceptionHandler;
import dev.velocity.api.web.HttpProblemTypes;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The order pipeline's failures as problems (ahead of the catch-all in {@code web}). */
@RestControllerAdvice
@Order(0)
class OrderProblems {

	@ExceptionHandler(HandOffUnavailable.class)
	ResponseEntity<ProblemDetail> handOffUnavailable(HandOffUnavailable ex) {
		return ApiExceptionHandler.unavailable(HttpProblemTypes.UNAVAILABLE
			.problem("The order pipeline is not accepting orders right now; try again shortly"));
	}

}
