package dev.velocity.api.web;

/** A request whose body did not arrive within its deadline (answered 408). */
public class RequestTooSlow extends RuntimeException {

	RequestTooSlow(Throwable cause) {
		super("The request body did not arrive in time", cause);
	}

}
