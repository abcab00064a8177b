package dev.velocity.api.web;

import org.springframework.http.HttpStatus;

/** The problems of the HTTP layer itself, whatever the feature. */
public final class HttpProblemTypes {

	public static final ProblemType INVALID_REQUEST = ProblemType.of("invalid-request", HttpStatus.BAD_REQUEST,
			"Invalid request");

	public static final ProblemType UNAUTHORIZED = ProblemType.of("unauthorized", HttpStatus.UNAUTHORIZED,
			"Unauthorized");

	public static final ProblemType FORBIDDEN = ProblemType.of("forbidden", HttpStatus.FORBIDDEN, "Forbidden");

	public static final ProblemType REQUEST_TIMEOUT = ProblemType.of("request-timeout", HttpStatus.REQUEST_TIMEOUT,
			"Request too slow");

	public static final ProblemType RATE_LIMITED = ProblemType.of("rate-limited", HttpStatus.TOO_MANY_REQUESTS,
			"Too many requests");

	public static final ProblemType NOT_FOUND = ProblemType.of("not-found", HttpStatus.NOT_FOUND, "Not found");

	public static final ProblemType METHOD_NOT_ALLOWED = ProblemType.of("method-not-allowed",
			HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed");

	public static final ProblemType NOT_ACCEPTABLE = ProblemType.of("not-acceptable", HttpStatus.NOT_ACCEPTABLE,
			"Not acceptable");

	public static final ProblemType UNSUPPORTED_MEDIA_TYPE = ProblemType.of("unsupported-media-type",
			HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type");

	public static final ProblemType UNAVAILABLE = ProblemType.of("unavailable", HttpStatus.SERVICE_UNAVAILABLE,
			"Temporarily unavailable");

	public static final ProblemType INTERNAL = ProblemType.of("internal", HttpStatus.INTERNAL_SERVER_ERROR,
			"Internal error");

	private HttpProblemTypes() {
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
