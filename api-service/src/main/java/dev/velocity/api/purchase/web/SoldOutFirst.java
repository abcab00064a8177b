package dev.velocity.api.purchase.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import dev.velocity.api.identity.EarlyAnswer;
import dev.velocity.api.purchase.PurchaseService;
import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.web.LimitedBodies;
import dev.velocity.api.web.WebProperties;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/**
 * A sold-out sale's 409 before anything else (the request observation, the body limits,
 * Spring Security's chain and the bearer token's checks): the answer is the same for
 * every caller (and public: the sale's page shows no stock left), and after a sell-out it
 * is most of a storm. Only while this instance's gate knows a sold-out sale, and only for
 * a purchase as the servlet would take it ({@code POST} to exactly {@code /buy}, a JSON
 * body of declared, small length, no {@code Idempotency-Key}); everything else, and every
 * purchase of a sale not sold out, goes on through the filters to the servlet, which goes
 * on with the body this read (parsed, when it was valid). The body is read within the
 * body deadline, as the servlet would read it. Counted in {@code velocity.purchases}
 * ({@code sold_out}), not timed in {@code http.server.requests}.
 */
final class SoldOutFirst implements EarlyAnswer {

	/** A purchase body is some 50 bytes; a larger one is not worth reading early. */
	static final int MAX_EARLY_BODY = 1024;

	private final PurchaseService purchases;

	private final JsonExchange json;

	private final SoldOutBodies bodies;

	private final WebProperties web;

	SoldOutFirst(PurchaseService purchases, JsonExchange json, SoldOutBodies bodies, WebProperties web) {
		this.purchases = purchases;
		this.json = json;
		this.bodies = bodies;
		this.web = web;
	}

	@Override
	public @Nullable HttpServletRequest answer(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		if (!this.purchases.anySoldOut() || !HttpMethod.POST.matches(request.getMethod())
				|| !PurchaseServlet.PATH.equals(request.getRequestURI())
				|| request.getHeader(PurchaseServlet.IDEMPOTENCY_KEY) != null
				|| !PurchaseServlet.isJson(request.getContentType())) {
			return request;
		}
		long length = request.getContentLengthLong();
		if (length < 0 || length > MAX_EARLY_BODY) {
			return request;
		}
		byte[] body;
		try {
			body = LimitedBodies.limit(request, this.web).getInputStream().readNBytes((int) length);
		}
		catch (IOException ex) {
			// Too slow, or cut short: the servlet meets the same failure once the
			// filters and the token's checks have passed.
			return new Replay(request, null, ex);
		}
		PurchaseRequest purchase = PurchaseRequest.readPlain(this.json.parser(body));
		if (purchase == null) {
			purchase = this.json.readValid(body, PurchaseRequest.class);
		}
		else if (!purchase.plainlyValid()) {
			// The binder and the validator would only reach the same verdict again.
			purchase = null;
		}
		if (purchase != null && this.purchases.atGate(purchase.saleId(), null) != null) {
			this.json.write(response, HttpServletResponse.SC_CONFLICT, MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					this.bodies.of(request, purchase.saleId()));
			return null;
		}
		if (purchase != null) {
			request.setAttribute(PurchaseServlet.EARLY_BODY, purchase);
		}
		return new Replay(request, body, null);
	}

	/** The request, its body replayed from what was read (or its read's failure). */
	private static final class Replay extends HttpServletRequestWrapper {

		private final byte @Nullable [] body;

		private final @Nullable IOException failure;

		private @Nullable ServletInputStream stream;

		Replay(HttpServletRequest request, byte @Nullable [] body, @Nullable IOException failure) {
			super(request);
			this.body = body;
			this.failure = failure;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.failure != null) {
				throw this.failure;
			}
			if (this.stream == null) {
				this.stream = new BytesInputStream(
						new ByteArrayInputStream((this.body != null) ? this.body : new byte[0]));
			}
			return this.stream;
		}

		@Override
		public BufferedReader getReader() throws IOException {
			return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
		}

	}

	private static final class BytesInputStream extends ServletInputStream {

		private final ByteArrayInputStream bytes;

		BytesInputStream(ByteArrayInputStream bytes) {
			this.bytes = bytes;
		}

		@Override
		public int read() {
			return this.bytes.read();
		}

		@Override
		public int read(byte[] buffer, int offset, int length) {
			return this.bytes.read(buffer, offset, length);
		}

		@Override
		public boolean isFinished() {
			return this.bytes.available() == 0;
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			throw new UnsupportedOperationException("A replayed body is read blocking");
		}

	}

}
