package dev.velocity.api.lifecycle.web;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The lifecycle's problems. */
public final class LifecycleProblemTypes {

	public static final ProblemType SALE_NOT_ARCHIVABLE = ProblemType.of("sale-not-archivable", HttpStatus.CONFLICT,
			"Sale not archivable");

	private LifecycleProblemTypes() {
	}

}
