package dev.velocity.api.web;

import java.io.IOException;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body may not exceed the size limit (400 {@code invalid-request}) nor
 * take longer than the body deadline to arrive (408 {@code request-timeout}): what
 * {@link BodySizeLimitFilter} hands on, and what anything reading a body ahead of that
 * filter reads through.
 */
public final class LimitedBodies {

	private LimitedBodies() {
	}

	/**
	 * The request, its body limited by the API's settings from now on.
	 * @param request the request
	 * @param web the settings
	 * @return the request, limited
	 */
	public static HttpServletRequest limit(HttpServletRequest request, WebProperties web) {
		return limit(request, web.maxBodySize().toBytes(), web.bodyDeadline().toNanos());
	}

	static HttpServletRequest limit(HttpServletRequest request, long maxBytes, long deadlineNanos) {
		return new LimitedRequest(request, maxBytes, System.nanoTime() + deadlineNanos);
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
