package dev.velocity.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**} with one static bearer token. A single shared secret needs no
 * sessions, users or roles, so a small filter does it without putting a security filter
 * chain in front of {@code /buy}, the hot path.
 */
class AdminTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final byte[] token;

	private final JsonExchange json;

	AdminTokenFilter(AdminProperties properties, JsonExchange json) {
		String configured = properties.token();
		this.token = (configured == null || configured.isBlank()) ? null
				: configured.trim().getBytes(StandardCharsets.UTF_8);
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAuthorized(request.getHeader(HttpHeaders.AUTHORIZATION))) {
			chain.doFilter(request, response);
			return;
		}
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"velocity-admin\"");
		String detail = (this.token != null) ? "A valid admin bearer token is required"
				: "Admin access is disabled: VELOCITY_ADMIN_TOKEN is not set";
		this.json.write(request, response, ProblemType.UNAUTHORIZED.problem(detail));
	}

	private boolean isAuthorized(String authorization) {
		if (this.token == null || authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, 7)) {
			return false;
		}
		byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
		// Constant time, so the comparison does not leak how much of the token matched.
		return MessageDigest.isEqual(presented, this.token);
	}

}
