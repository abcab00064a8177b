package dev.velocity.api.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.header.HeaderWriter;

/**
 * The page's {@code Content-Security-Policy} on answers a browser may render as a page
 * ({@code GET} and {@code HEAD}), and the shortest strict one on every other answer:
 * those are JSON, for which {@code default-src 'none'} is the whole policy (OWASP's REST
 * advice). A sold-out storm's answers are {@code POST}s, and encoding the page's
 * 300-character policy into each of them was a measurable part of its cost
 * ({@code loadtest/results/2026-12-03-soldout-profile.md}).
 */
final class ContentSecurityPolicies implements HeaderWriter {

	static final String HEADER = "Content-Security-Policy";

	/** For answers that are never a page. */
	static final String NOT_A_PAGE = "default-src 'none'; frame-ancestors 'none'";

	private final String page;

	ContentSecurityPolicies(String page) {
		this.page = page;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader(HEADER)) {
			return;
		}
		String method = request.getMethod();
		response.setHeader(HEADER, ("GET".equals(method) || "HEAD".equals(method)) ? this.page : NOT_A_PAGE);
	}

}
