package dev.velocity.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, first of all, a URL with path parameters ({@code ;...}) or a broken percent
 * escape: 400 {@code invalid-request}. Tomcat passes both on, and the first filter that
 * parses the path (Spring Security's chain does, before its own firewall) would fail with
 * a 500.
 */
class MalformedUrlFilter extends OncePerRequestFilter {

	private final JsonExchange json;

	MalformedUrlFilter(JsonExchange json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isMalformed(request.getRequestURI())) {
			this.json.write(request, response,
					HttpProblemTypes.INVALID_REQUEST.problem("The request URL is not valid"));
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean isMalformed(String uri) {
		if (uri == null) {
			return true;
		}
		for (int i = 0; i < uri.length(); i++) {
			char c = uri.charAt(i);
			if (c == ';') {
				return true;
			}
			if (c == '%' && (i + 2 >= uri.length() || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2)))) {
				return true;
			}
		}
		return false;
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
