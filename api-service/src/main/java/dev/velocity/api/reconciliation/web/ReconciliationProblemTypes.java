package dev.velocity.api.reconciliation.web;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The reconciliation's problems. */
final class ReconciliationProblemTypes {

	static final ProblemType REBUILD_UNAVAILABLE = ProblemType.of("rebuild-unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"Rebuild cannot run now");

	private ReconciliationProblemTypes() {
	}

}
