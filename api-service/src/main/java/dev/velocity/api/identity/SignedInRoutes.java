package dev.velocity.api.identity;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.util.AntPathMatcher;

/**
 * Which calls need a token, and which the admin's: the one list the security chain and
 * the OpenAPI document both read. Everything else is public.
 */
final class SignedInRoutes {

	/** Calls that need the admin authority. */
	static final String ADMIN = "/admin/**";

	/** Calls that need a shopper's (or any valid) token. */
	static final List<Route> SHOPPER = List.of(new Route(HttpMethod.POST, "/buy"), new Route(null, "/orders/**"),
			new Route(null, "/sales/*/queue"));

	private static final AntPathMatcher paths = new AntPathMatcher();

	private SignedInRoutes() {
	}

	static boolean admin(String path) {
		return paths.match(ADMIN, path);
	}

	static boolean shopper(HttpMethod method, String path) {
		return SHOPPER.stream()
			.anyMatch((route) -> (route.method() == null || route.method().equals(method))
					&& paths.match(route.pattern(), path));
	}

	/** A route: any method when {@code method} is null. */
	record Route(@Nullable HttpMethod method, String pattern) {

	}

}
