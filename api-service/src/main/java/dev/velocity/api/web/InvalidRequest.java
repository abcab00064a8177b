package dev.velocity.api.web;

/** A request the API cannot take as it is (answered 400 {@code invalid-request}). */
public class InvalidRequest extends RuntimeException {

	public InvalidRequest(String message) {
		super(message);
	}

}
