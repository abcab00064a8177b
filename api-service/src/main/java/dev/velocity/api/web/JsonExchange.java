package dev.velocity.api.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Reads and writes JSON straight on the servlet request and response, for the hot path
 * ({@code POST /buy}) where Spring MVC's argument resolution, validation binding and
 * content negotiation cost more CPU than the purchase itself. It answers as the framework
 * path does (the same 400 problems, through {@link ApiExceptionHandler}) and writes a
 * {@code Content-Length} body: one write, where a chunked body takes two.
 */
@Component
public class JsonExchange {

	private final JsonMapper jsonMapper;

	private final Validator validator;

	JsonExchange(JsonMapper jsonMapper, Validator validator) {
		this.jsonMapper = jsonMapper;
		this.validator = validator;
	}

	/**
	 * Reads and validates a JSON request body ({@link PlainlyValid} lets a valid one skip
	 * the validator).
	 * @param <T> the body's type
	 * @param request the request
	 * @param type the body's type, with Bean Validation constraints
	 * @return the body
	 * @throws InvalidRequest when the body is missing, too large, not JSON of that shape,
	 * or breaks a constraint
	 */
	public <T> T read(HttpServletRequest request, Class<T> type) {
		T body;
		try {
			body = this.jsonMapper.readValue(request.getInputStream(), type);
		}
		catch (IOException | JacksonException ex) {
			if (BodyTooSlow.causedIt(ex)) {
				throw new RequestTooSlow(ex);
			}
			throw new InvalidRequest(BodyTooLarge.causedIt(ex) ? ApiExceptionHandler.BODY_TOO_LARGE
					: ApiExceptionHandler.BODY_NOT_READABLE);
		}
		if (body == null) {
			throw new InvalidRequest(ApiExceptionHandler.BODY_NOT_READABLE);
		}
		if (body instanceof PlainlyValid quick && quick.plainlyValid()) {
			return body;
		}
		Set<ConstraintViolation<T>> violations = this.validator.validate(body);
		if (!violations.isEmpty()) {
			List<InvalidRequest.FieldError> errors = violations.stream()
				.map((violation) -> new InvalidRequest.FieldError(violation.getPropertyPath().toString(),
						violation.getMessage()))
				.toList();
			throw new InvalidRequest(ApiExceptionHandler.INVALID_FIELDS, errors);
		}
		return body;
	}

	/**
	 * Reads a body already in hand, when it is valid.
	 * @param <T> the body's type
	 * @param body the bytes
	 * @param type the body's type, with Bean Validation constraints
	 * @return the body, or {@code null} when it is not JSON of that shape or breaks a
	 * constraint
	 */
	public <T> @Nullable T readValid(byte[] body, Class<T> type) {
		T value;
		try {
			value = this.jsonMapper.readValue(body, type);
		}
		catch (JacksonException ex) {
			return null;
		}
		if (value == null) {
			return null;
		}
		if (value instanceof PlainlyValid quick && quick.plainlyValid()) {
			return value;
		}
		return this.validator.validate(value).isEmpty() ? value : null;
	}

	/**
	 * A parser over a body, with the mapper's settings, for a reader of its own.
	 * @param body the body
	 * @return the parser; its reader closes it
	 */
	public JsonParser parser(byte[] body) {
		return this.jsonMapper.createParser(body);
	}

	/**
	 * A JSON body, to be written with
	 * {@link #write(HttpServletResponse, int, String, byte[])}.
	 * @param body the body
	 * @return its JSON
	 */
	public byte[] body(Object body) {
		return this.jsonMapper.writeValueAsBytes(body);
	}

	/**
	 * Writes a problem answer, its status the problem's.
	 * @param request the request, the problem's instance
	 * @param response the response
	 * @param problem the problem
	 * @throws IOException when the client has gone
	 */
	public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
			throws IOException {
		write(response, problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE, problemBody(request, problem));
	}

	/**
	 * A problem's body, to be written (perhaps many times) with
	 * {@link #write(HttpServletResponse, int, String, byte[])}.
	 * @param request the request, the problem's instance
	 * @param problem the problem
	 * @return the problem JSON
	 */
	public byte[] problemBody(HttpServletRequest request, ProblemDetail problem) {
		problem.setInstance(instance(request));
		return this.jsonMapper.writeValueAsBytes(problem);
	}

	/**
	 * The problem's {@code instance}: the request's path up to its first character that
	 * is not a plain one (and at most 200 of them), so that an answer never echoes what a
	 * client put in its URL.
	 * @param request the request
	 * @return the plain part of the path
	 */
	public static URI instance(HttpServletRequest request) {
		return instance(request.getRequestURI());
	}

	static URI instance(String path) {
		Matcher plain = PLAIN_PATH.matcher((path != null) ? path : "");
		return URI.create(plain.lookingAt() ? plain.group() : "/");
	}

	private static final Pattern PLAIN_PATH = Pattern.compile("/[A-Za-z0-9/._~-]{0,200}");

	/**
	 * Writes an answer, sized.
	 * @param response the response
	 * @param status the status
	 * @param contentType the body's media type
	 * @param body the body
	 * @throws IOException when the client has gone
	 */
	public void write(HttpServletResponse response, int status, String contentType, byte[] body) throws IOException {
		response.setStatus(status);
		response.setContentType(contentType);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}

}
