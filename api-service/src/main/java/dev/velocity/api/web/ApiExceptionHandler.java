package dev.velocity.api.web;

import java.io.IOException;
import java.util.List;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the failures no feature owns into RFC 9457 problem JSON with a stable
 * {@code type}: the framework's own (malformed JSON, validation, unknown paths), a
 * backing service away, and anything unexpected. Each feature maps its own exceptions in
 * an advice of its own, which comes first. Bad input is never a 500.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	/** The detail of a 400 for a body over the size limit. */
	static final String BODY_TOO_LARGE = "The request body is too large";

	/** The detail of a 400 for a body that is not JSON of the expected shape. */
	static final String BODY_NOT_READABLE = "The request body is missing or is not valid JSON of the expected shape";

	/** The detail of a 400 for fields that break their constraints. */
	static final String INVALID_FIELDS = "The request has invalid fields";

	@ExceptionHandler(InvalidRequest.class)
	ProblemDetail invalidRequest(InvalidRequest ex) {
		ProblemDetail problem = HttpProblemTypes.INVALID_REQUEST.problem(ex.getMessage());
		if (!ex.errors().isEmpty()) {
			problem.setProperty("errors", ex.errors());
		}
		return problem;
	}

	@ExceptionHandler(RequestTooSlow.class)
	ResponseEntity<ProblemDetail> requestTooSlow(RequestTooSlow ex) {
		return tooSlow();
	}

	private static ResponseEntity<ProblemDetail> tooSlow() {
		return ResponseEntity.status(HttpProblemTypes.REQUEST_TIMEOUT.status())
			.header(HttpHeaders.CONNECTION, "close")
			.body(HttpProblemTypes.REQUEST_TIMEOUT.problem("The request body did not arrive in time"));
	}

	@ExceptionHandler(SdkException.class)
	ResponseEntity<ProblemDetail> awsUnavailable(SdkException ex) {
		log.warn("AWS call failed: {}", ex.toString());
		return unavailable("A backing service is unreachable right now; try again shortly");
	}

	@ExceptionHandler(DataAccessResourceFailureException.class)
	ResponseEntity<ProblemDetail> storeUnavailable(RuntimeException ex) {
		log.warn("Redis unavailable: {}", ex.toString());
		return unavailable("The inventory is unreachable right now; try again shortly");
	}

	@ExceptionHandler(QueryTimeoutException.class)
	ResponseEntity<ProblemDetail> storeTooSlow(QueryTimeoutException ex) {
		// Sent and not answered in time: a busy Redis or a busy instance (a cold JVM
		// under a storm), not an absent one.
		log.warn("Redis answered too late: {}", ex.toString());
		return unavailable("The inventory answered too late; try again shortly");
	}

	@ExceptionHandler(RedisSystemException.class)
	ResponseEntity<ProblemDetail> storeFailed(RedisSystemException ex) {
		// A shard away or moving (a connection lost, a failover under way) is one line
		// per
		// answer; anything else (a script bug) gets its stack.
		if (isTransient(ex)) {
			log.warn("Redis unavailable: {}", rootCause(ex).toString());
		}
		else {
			log.error("Redis command failed", ex);
		}
		return unavailable("The inventory is unreachable right now; try again shortly");
	}

	/** Error replies of a node that is starting, failing over or not yet covered. */
	private static final List<String> TRANSIENT_REPLIES = List.of("CLUSTERDOWN", "LOADING", "TRYAGAIN", "MASTERDOWN",
			"READONLY");

	/** Lettuce's refusals while a node's link is down. */
	private static final List<String> LINK_DOWN = List.of("Currently not connected", "Connection closed",
			"Connection disconnected", "Connection is closed");

	/**
	 * Whether a Redis failure is the server or the link being away for a moment rather
	 * than the command being wrong.
	 * @param ex the failure
	 * @return whether it is transient
	 */
	static boolean isTransient(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof IOException || cause instanceof RedisConnectionException) {
				return true;
			}
			String message = cause.getMessage();
			if (message == null) {
				continue;
			}
			if (cause instanceof RedisCommandExecutionException) {
				if (TRANSIENT_REPLIES.stream().anyMatch(message::startsWith)) {
					return true;
				}
			}
			else if (cause instanceof RedisException && LINK_DOWN.stream().anyMatch(message::startsWith)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected failure", ex);
		return HttpProblemTypes.INTERNAL.problem("An unexpected error occurred");
	}

	private static ResponseEntity<ProblemDetail> unavailable(String detail) {
		return unavailable(HttpProblemTypes.UNAVAILABLE.problem(detail));
	}

	/**
	 * A 503 answer, to be retried after a second.
	 * @param problem the problem
	 * @return the answer, with {@code Retry-After}
	 */
	public static ResponseEntity<ProblemDetail> unavailable(ProblemDetail problem) {
		return retryAfter(problem, 1);
	}

	/**
	 * An answer that says when to try again.
	 * @param problem the problem, its status the answer's
	 * @param seconds the {@code Retry-After}
	 * @return the answer
	 */
	public static ResponseEntity<ProblemDetail> retryAfter(ProblemDetail problem, int seconds) {
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
			.body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (BodyTooSlow.causedIt(ex)) {
			ResponseEntity<ProblemDetail> slow = tooSlow();
			return ResponseEntity.status(slow.getStatusCode()).headers(slow.getHeaders()).body(slow.getBody());
		}
		String detail = BodyTooLarge.causedIt(ex) ? BODY_TOO_LARGE : BODY_NOT_READABLE;
		return handleExceptionInternal(ex, HttpProblemTypes.INVALID_REQUEST.problem(detail), headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = HttpProblemTypes.INVALID_REQUEST.problem(INVALID_FIELDS);
		List<InvalidRequest.FieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new InvalidRequest.FieldError(error.getField(), String.valueOf(error.getDefaultMessage())))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = HttpProblemTypes.INVALID_REQUEST.problem("The request has invalid parameters");
		List<String> errors = ex.getAllErrors()
			.stream()
			.map((error) -> String.valueOf(error.getDefaultMessage()))
			.toList();
		problem.setProperty("errors", errors);
		return handleExceptionInternal(ex, problem, headers, HttpStatusCode.valueOf(400), request);
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
				problem.setType(HttpProblemTypes.forStatus(response.getStatusCode().value()).type());
			}
			if (request instanceof org.springframework.web.context.request.ServletWebRequest servlet) {
				problem.setInstance(JsonExchange.instance(servlet.getRequest()));
			}
		}
		return response;
	}

}
