package dev.velocity.api.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every problem the API answers with. The {@code type} URIs are part of the API contract:
 * clients switch on them, so they never change.
 */
public enum ProblemType {

	INVALID_REQUEST("invalid-request", HttpStatus.BAD_REQUEST, "Invalid request"),
	UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Unauthorized"),
	FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden"),
	SHOPPER_MISMATCH("shopper-mismatch", HttpStatus.FORBIDDEN, "Not the signed-in shopper"),
	REQUEST_TIMEOUT("request-timeout", HttpStatus.REQUEST_TIMEOUT, "Request too slow"),
	RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
	NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
	SALE_NOT_FOUND("sale-not-found", HttpStatus.NOT_FOUND, "Sale not found"),
	ORDER_NOT_FOUND("order-not-found", HttpStatus.NOT_FOUND, "Order not found"),
	METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
	NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
	UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
	SOLD_OUT("sold-out", HttpStatus.CONFLICT, "Sold out"),
	LIMIT_REACHED("limit-reached", HttpStatus.CONFLICT, "Purchase limit reached"),
	SALE_NOT_OPEN("sale-not-open", HttpStatus.CONFLICT, "Sale not open"),
	SALE_NEEDS_REBUILD("sale-needs-rebuild", HttpStatus.CONFLICT, "Sale needs a rebuild"),
	REBUILD_UNAVAILABLE("rebuild-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Rebuild cannot run now"),
	STOCK_BELOW_SOLD("stock-below-sold", HttpStatus.CONFLICT, "Stock below units sold"),
	IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT,
			"Idempotency key reused for another request"),
	UNAVAILABLE("unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
	INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

	/** Base of every problem type URI. */
	public static final String BASE = "https://velocity.dev/problems/";

	private final URI type;

	private final HttpStatus status;

	private final String title;

	ProblemType(String slug, HttpStatus status, String title) {
		this.type = URI.create(BASE + slug);
		this.status = status;
		this.title = title;
	}

	public URI type() {
		return this.type;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
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

	/**
	 * The type that fits a status the framework chose.
	 * @param status an HTTP status
	 * @return the matching type
	 */
	public static ProblemType forStatus(int status) {
		return switch (status) {
			case 400, 413, 414, 431 -> INVALID_REQUEST;
			case 401 -> UNAUTHORIZED;
			case 403 -> FORBIDDEN;
			case 408 -> REQUEST_TIMEOUT;
			case 429 -> RATE_LIMITED;
			case 404 -> NOT_FOUND;
			case 405 -> METHOD_NOT_ALLOWED;
			case 406 -> NOT_ACCEPTABLE;
			case 415 -> UNSUPPORTED_MEDIA_TYPE;
			case 503 -> UNAVAILABLE;
			default -> (status >= 500) ? INTERNAL : INVALID_REQUEST;
		};
	}

}
