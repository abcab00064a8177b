package dev.velocity.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies above the limit: by their declared length before reading, and by
 * counting for chunked bodies (the JSON reader then fails and the request gets 400). A
 * body still arriving past the deadline fails too (408): Tomcat's connection timeout
 * bounds each read, not a client that sends a byte every few seconds.
 */
class BodySizeLimitFilter extends OncePerRequestFilter {

	private final long maxBytes;

	private final long deadlineNanos;

	private final JsonExchange json;

	BodySizeLimitFilter(WebProperties properties, JsonExchange json) {
		this.maxBytes = properties.maxBodySize().toBytes();
		this.deadlineNanos = properties.bodyDeadline().toNanos();
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			this.json.write(request, response,
					HttpProblemTypes.INVALID_REQUEST.problem("The request body exceeds " + this.maxBytes + " bytes"));
			return;
		}
		chain.doFilter(LimitedBodies.limit(request, this.maxBytes, this.deadlineNanos), response);
	}

}
