package dev.velocity.api.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
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
		chain.doFilter(new LimitedRequest(request, this.maxBytes, System.nanoTime() + this.deadlineNanos), response);
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long maxBytes;

		private final long deadline;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long maxBytes, long deadline) {
			super(request);
			this.maxBytes = maxBytes;
			this.deadline = deadline;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.maxBytes, this.deadline);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final long maxBytes;

		private final long deadline;

		private long read;

		LimitedInputStream(ServletInputStream delegate, long maxBytes, long deadline) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
			this.deadline = deadline;
		}

		@Override
		public int read() throws IOException {
			int b = this.delegate.read();
			count((b >= 0) ? 1 : 0);
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = this.delegate.read(buffer, offset, length);
			count(Math.max(n, 0));
			return n;
		}

		private void count(int n) throws IOException {
			this.read += n;
			if (this.read > this.maxBytes) {
				throw new BodyTooLarge(this.maxBytes);
			}
			if (System.nanoTime() - this.deadline > 0) {
				throw new BodyTooSlow();
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
