package dev.velocity.api.reconciliation.web;

import dev.velocity.api.reconciliation.SaleRecovery;
import dev.velocity.api.web.ApiExceptionHandler;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The rebuild's refusal as a problem (ahead of the catch-all in {@code web}). */
@RestControllerAdvice
@Order(0)
class ReconciliationProblems {

	@ExceptionHandler(SaleRecovery.RebuildUnavailable.class)
	ResponseEntity<ProblemDetail> rebuildUnavailable(SaleRecovery.RebuildUnavailable ex) {
		return ApiExceptionHandler.retryAfter(ReconciliationProblemTypes.REBUILD_UNAVAILABLE.problem(ex.getMessage()),
				5);
	}

}
