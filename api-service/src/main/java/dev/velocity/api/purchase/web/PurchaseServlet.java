package dev.velocity.api.purchase.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.purchase.PurchaseCommand;
import dev.velocity.api.purchase.PurchaseOutcome;
import dev.velocity.api.purchase.PurchaseService;
import dev.velocity.api.web.InvalidRequest;
import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.web.ProblemType;
import dev.velocity.model.PurchaseAccepted;
import dev.velocity.model.PurchaseRequest;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * {@code POST /buy}, as a servlet of its own beside the {@code DispatcherServlet}: under
 * a storm the dispatcher's handler lookup, argument resolution and return value handling
 * were a quarter of a sold-out answer's CPU. The servlet filters (metrics, body size
 * limit) still apply, and failures go through the same exception handlers
 * ({@code ApiExceptionHandler}) as every other endpoint, so the answers are unchanged:
 * 405 for another method, 415 for a body that is not JSON, 400 problems for bad input.
 */
class PurchaseServlet extends HttpServlet {

	static final String PATH = "/buy";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private static final String ALLOWED = "POST, OPTIONS";

	/** Sold-out answers kept, one per sale: a bound, not a working set. */
	private static final int MAX_SOLD_OUT_BODIES = 10_000;

	private final transient Map<String, byte[]> soldOutBodies = new ConcurrentHashMap<>();

	private final transient PurchaseService purchases;

	private final transient JsonExchange json;

	private final transient HandlerExceptionResolver errors;

	PurchaseServlet(PurchaseService purchases, JsonExchange json, HandlerExceptionResolver errors) {
		this.purchases = purchases;
		this.json = json;
		this.errors = errors;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		// The request metrics' uri tag, which the dispatcher would have set.
		ServerHttpObservationFilter.findObservationContext(request)
			.ifPresent((context) -> context.setPathPattern(PATH));
		try {
			switch (request.getMethod()) {
				case "POST" -> buy(request, response);
				case "OPTIONS" -> response.setHeader(HttpHeaders.ALLOW, ALLOWED);
				default -> throw new HttpRequestMethodNotSupportedException(request.getMethod(), Set.of("POST"));
			}
		}
		catch (Exception ex) {
			if (this.errors.resolveException(request, response, null, ex) == null) {
				throw new ServletException(ex);
			}
		}
	}

	/**
	 * Buys.
	 * @param http the request: a {@link PurchaseRequest}, and an optional
	 * {@code Idempotency-Key}
	 * @param response the answer: a {@link PurchaseAccepted}, or a problem
	 * @throws IOException when the shopper has gone
	 * @throws HttpMediaTypeNotSupportedException when the body is not JSON
	 */
	private void buy(HttpServletRequest http, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotSupportedException {
		checkContentType(http.getContentType());
		String idempotencyKey = http.getHeader(IDEMPOTENCY_KEY);
		checkIdempotencyKey(idempotencyKey);
		PurchaseRequest request = this.json.read(http, PurchaseRequest.class);
		PurchaseCommand command = new PurchaseCommand(request.saleId(), request.userId(), request.quantity(),
				idempotencyKey);
		PurchaseOutcome outcome = this.purchases.purchase(command);
		if (outcome instanceof PurchaseOutcome.Reserved reserved) {
			var order = reserved.order();
			this.json.write(response, 200, new PurchaseAccepted(order.orderId(), order.saleId(), order.userId(),
					order.quantity(), reserved.remaining()));
		}
		else if (outcome instanceof PurchaseOutcome.SoldOut soldOut && soldOut.remaining() == 0) {
			this.json.writeProblem(response, HttpServletResponse.SC_CONFLICT, soldOutBody(http, command, soldOut));
		}
		else {
			this.json.write(http, response, outcome.match(new Refusal(command)));
		}
	}

	/**
	 * The same bytes for every attempt on a sold-out sale (most of a storm's answers):
	 * written once per sale rather than once per attempt.
	 */
	private byte[] soldOutBody(HttpServletRequest http, PurchaseCommand command, PurchaseOutcome.SoldOut soldOut) {
		byte[] body = this.soldOutBodies.get(command.saleId());
		if (body == null) {
			if (this.soldOutBodies.size() >= MAX_SOLD_OUT_BODIES) {
				this.soldOutBodies.clear();
			}
			body = this.json.problemBody(http, new Refusal(command).soldOut(soldOut));
			this.soldOutBodies.put(command.saleId(), body);
		}
		return body;
	}

	/** As {@code consumes = "application/json"} would: JSON with any parameters. */
	private static void checkContentType(String contentType) throws HttpMediaTypeNotSupportedException {
		if (MediaType.APPLICATION_JSON_VALUE.equalsIgnoreCase(contentType)) {
			return;
		}
		if (contentType == null) {
			throw new HttpMediaTypeNotSupportedException(null, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
		}
		MediaType type;
		try {
			type = MediaType.parseMediaType(contentType);
		}
		catch (InvalidMediaTypeException ex) {
			throw new HttpMediaTypeNotSupportedException(ex.getMessage(), List.of(MediaType.APPLICATION_JSON));
		}
		if (!MediaType.APPLICATION_JSON.includes(type)) {
			throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
		}
	}

	private static void checkIdempotencyKey(String key) {
		if (key == null) {
			return;
		}
		if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH
				|| !key.chars().allMatch((c) -> c >= 0x21 && c <= 0x7e)) {
			throw new InvalidRequest(
					IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
		}
	}

	/** The problem for each outcome but a reservation. */
	private record Refusal(PurchaseCommand command) implements PurchaseOutcome.Cases<ProblemDetail> {

		@Override
		public ProblemDetail reserved(PurchaseOutcome.Reserved reserved) {
			throw new IllegalStateException("A reservation is no refusal");
		}

		@Override
		public ProblemDetail soldOut(PurchaseOutcome.SoldOut soldOut) {
			String detail = (soldOut.remaining() == 0) ? "Sale " + this.command.saleId() + " is sold out" : "Only "
					+ soldOut.remaining() + " units left, fewer than the " + this.command.quantity() + " asked for";
			ProblemDetail problem = ProblemType.SOLD_OUT.problem(detail);
			problem.setProperty("remaining", soldOut.remaining());
			return problem;
		}

		@Override
		public ProblemDetail limitReached(PurchaseOutcome.LimitReached limitReached) {
			ProblemDetail problem = ProblemType.LIMIT_REACHED
				.problem("At most " + limitReached.limit() + " units per shopper; you have " + limitReached.bought());
			problem.setProperty("limit", limitReached.limit());
			problem.setProperty("bought", limitReached.bought());
			return problem;
		}

		@Override
		public ProblemDetail saleNotOpen(PurchaseOutcome.SaleNotOpen saleNotOpen) {
			String detail = switch (saleNotOpen.reason()) {
				case NOT_STARTED -> "The sale opens at " + saleNotOpen.at();
				case ENDED -> "The sale ended at " + saleNotOpen.at();
				case CLOSED -> "The sale is closed for now";
			};
			ProblemDetail problem = ProblemType.SALE_NOT_OPEN.problem(detail);
			problem.setProperty("reason", saleNotOpen.reason().name());
			if (saleNotOpen.at() != null) {
				problem.setProperty((saleNotOpen.reason() == PurchaseOutcome.SaleNotOpen.Reason.NOT_STARTED)
						? "startsAt" : "endsAt", saleNotOpen.at().toString());
			}
			return problem;
		}

		@Override
		public ProblemDetail saleNotFound(PurchaseOutcome.SaleNotFound saleNotFound) {
			return ProblemType.SALE_NOT_FOUND.problem("No sale '" + this.command.saleId() + "'");
		}

		@Override
		public ProblemDetail idempotencyKeyReused(PurchaseOutcome.IdempotencyKeyReused reused) {
			ProblemDetail problem = ProblemType.IDEMPOTENCY_KEY_REUSED
				.problem("This " + IDEMPOTENCY_KEY + " was already used for a different purchase");
			problem.setProperty("orderId", reused.orderId());
			return problem;
		}

	}

}
