package dev.velocity.api.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A kind of problem the API answers with. The {@code type} URIs are part of the API
 * contract: clients switch on them, so they never change. Each feature declares its own
 * ({@code PurchaseProblemTypes}, {@code InventoryProblemTypes}, ...); the HTTP layer's
 * are in {@link HttpProblemTypes}.
 *
 * @param type the type URI, under {@link #BASE}
 * @param status the status it is answered with
 * @param title a short summary, the same for every problem of the type
 */
public record ProblemType(URI type, HttpStatus status, String title) {

	/** Base of every problem type URI. */
	public static final String BASE = "https://velocity.dev/problems/";

	/**
	 * A problem type under {@link #BASE}.
	 * @param slug the last part of its URI
	 * @param status its status
	 * @param title its title
	 * @return the type
	 */
	public static ProblemType of(String slug, HttpStatus status, String title) {
		return new ProblemType(URI.create(BASE + slug), status, title);
	}

	/**
	 * A problem of this type.
	 * @param detail what happened, for a person
	 * @return the problem
	 */
	public ProblemDetail problem(String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(this.status, detail);
		problem.setType(this.type);
		problem.setTitle(this.title);
		return problem;
	}

}
