package dev.velocity.api.web;

import java.util.List;

/**
 * A request the API cannot take as it is (answered 400 {@code invalid-request}, with the
 * invalid fields when there are some).
 */
public class InvalidRequest extends RuntimeException {

	private final List<FieldError> errors;

	public InvalidRequest(String message) {
		this(message, List.of());
	}

	public InvalidRequest(String message, List<FieldError> errors) {
		super(message);
		this.errors = List.copyOf(errors);
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One invalid field, as the problem's {@code errors} list shows it.
	 *
	 * @param field the field's name
	 * @param message what is wrong with it
	 */
	public record FieldError(String field, String message) {

	}

}
