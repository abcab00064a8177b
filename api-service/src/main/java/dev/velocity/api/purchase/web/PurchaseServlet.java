package dev.velocity.api.purchase.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.velocity.api.purchase.PurchaseCommand;
import dev.velocity.api.purchase.PurchaseOutcome;
import dev.velocity.api.purchase.PurchaseService;
import dev.velocity.api.waitingroom.AdmissionTokens;
import dev.velocity.api.web.ClientAddresses;
import dev.velocity.api.web.InvalidRequest;
import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.inventory.InventoryProblemTypes;
import dev.velocity.api.web.HttpProblemTypes;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	/**
	 * The request attribute holding the body {@link SoldOutFirst} read, parsed and found
	 * valid, so that it is not parsed twice.
	 */
	static final String EARLY_BODY = PurchaseServlet.class.getName() + ".earlyBody";

	private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private static final String ALLOWED = "POST, OPTIONS";

	private static final Logger log = LoggerFactory.getLogger(PurchaseServlet.class);

	private final transient SoldOutBodies soldOutBodies;

	private final transient PurchaseService purchases;

	private final transient JsonExchange json;

	private final transient HandlerExceptionResolver errors;

	private final transient ClientAddresses addresses;

	private final transient AdmissionTokens admissions;

	private final transient Executor answering;

	/**
	 * How long a purchase may take to be decided: a backstop, since Redis's and the
	 * queue's own waits end far sooner. Tomcat's periodic check of async timeouts
	 * enforces it, so no purchase schedules a timer of its own.
	 */
	private final long answerDeadlineMillis;

	PurchaseServlet(PurchaseService purchases, JsonExchange json, HandlerExceptionResolver errors,
			ClientAddresses addresses, AdmissionTokens admissions, SoldOutBodies soldOutBodies, Executor answering,
			Duration answerDeadline) {
		this.answering = answering;
		this.answerDeadlineMillis = answerDeadline.toMillis();
		this.purchases = purchases;
		this.soldOutBodies = soldOutBodies;
		this.json = json;
		this.errors = errors;
		this.addresses = addresses;
		this.admissions = admissions;
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
	 * {@code Idempotency-Key}; the security chain has verified its shopper's token
	 * @param response the answer: a {@link PurchaseAccepted}, or a problem
	 * @throws IOException when the shopper has gone
	 * @throws HttpMediaTypeNotSupportedException when the body is not JSON
	 */
	private void buy(HttpServletRequest http, HttpServletResponse response)
			throws IOException, HttpMediaTypeNotSupportedException {
		checkContentType(http.getContentType());
		String idempotencyKey = http.getHeader(IDEMPOTENCY_KEY);
		checkIdempotencyKey(idempotencyKey);
		String shopper = http.getRemoteUser();
		if (shopper == null) {
			// The security chain lets no anonymous purchase through: this is its
			// backstop.
			this.json.write(http, response, HttpProblemTypes.UNAUTHORIZED.problem("A bearer token is required"));
			return;
		}
		PurchaseRequest request = (http.getAttribute(EARLY_BODY) instanceof PurchaseRequest early) ? early
				: this.json.read(http, PurchaseRequest.class);
		if (request.userId() != null && !request.userId().equals(shopper)) {
			this.json.write(http, response, PurchaseProblemTypes.SHOPPER_MISMATCH
				.problem("The body's userId is not the signed-in shopper; leave it out"));
			return;
		}
		PurchaseOutcome gated = this.purchases.atGate(request.saleId(), idempotencyKey);
		if (gated != null) {
			// Sold out here: no address or admission is worked out for an answer that is
			// the same for everyone.
			write(response, gated.match(new Answers(http, request, AdmissionTokens.Verdict.ABSENT)));
			return;
		}
		AdmissionTokens.Verdict admission = this.admissions.check(http.getHeader(AdmissionTokens.HEADER),
				request.saleId(), shopper);
		PurchaseCommand command = new PurchaseCommand(request.saleId(), shopper, request.quantity(), idempotencyKey,
				this.addresses.of(http), admission == AdmissionTokens.Verdict.VALID);
		answerLater(http, response, this.purchases.purchase(command), new Answers(http, request, admission));
	}

	/**
	 * Answers once the purchase completes: the request's thread is let go at once instead
	 * of waiting for Redis and the queue. The purchase completes on a client library's
	 * I/O thread, which must never wait for a slow shopper: the answer is written on a
	 * thread of {@code answering}, the one hop a purchase makes.
	 */
	private void answerLater(HttpServletRequest http, HttpServletResponse response, PurchaseService.Pending purchase,
			Answers answers) {
		AsyncContext async = http.startAsync();
		async.setTimeout(this.answerDeadlineMillis);
		AtomicBoolean answered = new AtomicBoolean();
		async.addListener(new AsyncListener() {

			@Override
			public void onTimeout(AsyncEvent event) {
				// Still running: it may yet take the stock, as this order.
				if (answered.compareAndSet(false, true)) {
					fail(http, response, PurchaseServlet.this.purchases.undecided(purchase.orderId()));
					async.complete();
				}
			}

			@Override
			public void onComplete(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) {
				// The connection failed: nothing more is written to it.
				if (answered.compareAndSet(false, true)) {
					async.complete();
				}
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}

		});
		purchase.outcome().whenCompleteAsync((result, error) -> {
			if (!answered.compareAndSet(false, true)) {
				return;
			}
			try {
				if (error != null) {
					fail(http, response, (error instanceof CompletionException && error.getCause() != null)
							? error.getCause() : error);
				}
				else {
					write(response, result.match(answers));
				}
			}
			catch (IOException | RuntimeException ex) {
				// The shopper has gone.
			}
			finally {
				async.complete();
			}
		}, this.answering);
	}

	private void write(HttpServletResponse response, Answer answer) throws IOException {
		if (answer.retryAfter() != null) {
			response.setHeader(HttpHeaders.RETRY_AFTER, answer.retryAfter());
		}
		this.json.write(response, answer.status(), answer.contentType(), answer.body());
	}

	private void fail(HttpServletRequest http, HttpServletResponse response, Throwable error) {
		Exception ex = (error instanceof Exception exception) ? exception : new ServletException(error);
		if (this.errors.resolveException(http, response, null, ex) == null) {
			log.error("Purchase failed with no problem to answer it", ex);
			response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
		}
	}

	/**
	 * As {@code consumes = "application/json"} would take it: JSON, with any parameters.
	 * @param contentType the request's {@code Content-Type}
	 * @return whether it is JSON
	 */
	static boolean isJson(String contentType) {
		if (MediaType.APPLICATION_JSON_VALUE.equalsIgnoreCase(contentType)) {
			return true;
		}
		try {
			return contentType != null && MediaType.APPLICATION_JSON.includes(MediaType.parseMediaType(contentType));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

	private static void checkContentType(String contentType) throws HttpMediaTypeNotSupportedException {
		if (isJson(contentType)) {
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
		throw new HttpMediaTypeNotSupportedException(type, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST);
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

	/** An outcome's answer; {@code retryAfter} in seconds, or {@code null}. */
	private record Answer(int status, String contentType, byte[] body, String retryAfter) {

		Answer(int status, String contentType, byte[] body) {
			this(status, contentType, body, null);
		}

	}

	/** Each outcome's answer: the order, or a problem. */
	private final class Answers implements PurchaseOutcome.Cases<Answer> {

		private final HttpServletRequest http;

		private final PurchaseRequest request;

		private final AdmissionTokens.Verdict admission;

		Answers(HttpServletRequest http, PurchaseRequest request, AdmissionTokens.Verdict admission) {
			this.http = http;
			this.request = request;
			this.admission = admission;
		}

		@Override
		public Answer reserved(PurchaseOutcome.Reserved reserved) {
			var order = reserved.order();
			return new Answer(HttpServletResponse.SC_OK, MediaType.APPLICATION_JSON_VALUE,
					PurchaseServlet.this.json.body(new PurchaseAccepted(order.orderId(), order.saleId(), order.userId(),
							order.quantity(), reserved.remaining())));
		}

		@Override
		public Answer soldOut(PurchaseOutcome.SoldOut soldOut) {
			if (soldOut.remaining() == 0) {
				return new Answer(HttpServletResponse.SC_CONFLICT, MediaType.APPLICATION_PROBLEM_JSON_VALUE,
						PurchaseServlet.this.soldOutBodies.of(this.http, this.request.saleId()));
			}
			ProblemDetail problem = PurchaseProblemTypes.SOLD_OUT.problem("Only " + soldOut.remaining()
					+ " units left, fewer than the " + this.request.quantity() + " asked for");
			problem.setProperty("remaining", soldOut.remaining());
			return problem(problem);
		}

		@Override
		public Answer limitReached(PurchaseOutcome.LimitReached limitReached) {
			ProblemDetail problem = PurchaseProblemTypes.LIMIT_REACHED
				.problem("At most " + limitReached.limit() + " units per shopper; you have " + limitReached.bought());
			problem.setProperty("limit", limitReached.limit());
			problem.setProperty("bought", limitReached.bought());
			return problem(problem);
		}

		@Override
		public Answer saleNotOpen(PurchaseOutcome.SaleNotOpen saleNotOpen) {
			String detail = switch (saleNotOpen.reason()) {
				case NOT_STARTED -> "The sale opens at " + saleNotOpen.at();
				case ENDED -> "The sale ended at " + saleNotOpen.at();
				case CLOSED -> "The sale is closed for now";
				case ARCHIVED -> "The sale ended at " + saleNotOpen.at() + " and is archived";
			};
			ProblemDetail problem = PurchaseProblemTypes.SALE_NOT_OPEN.problem(detail);
			problem.setProperty("reason", saleNotOpen.reason().name());
			if (saleNotOpen.at() != null) {
				problem.setProperty((saleNotOpen.reason() == PurchaseOutcome.SaleNotOpen.Reason.NOT_STARTED)
						? "startsAt" : "endsAt", saleNotOpen.at().toString());
			}
			return problem(problem);
		}

		@Override
		public Answer saleNotFound(PurchaseOutcome.SaleNotFound saleNotFound) {
			return problem(InventoryProblemTypes.SALE_NOT_FOUND.problem("No sale '" + this.request.saleId() + "'"));
		}

		@Override
		public Answer idempotencyKeyReused(PurchaseOutcome.IdempotencyKeyReused reused) {
			ProblemDetail problem = PurchaseProblemTypes.IDEMPOTENCY_KEY_REUSED
				.problem("This " + IDEMPOTENCY_KEY + " was already used for a different purchase");
			problem.setProperty("orderId", reused.orderId());
			return problem(problem);
		}

		@Override
		public Answer rateLimited(PurchaseOutcome.RateLimited rateLimited) {
			long seconds = Math.max(1, (rateLimited.retryAfterMillis() + 999) / 1000);
			ProblemDetail problem = HttpProblemTypes.RATE_LIMITED.problem(
					"Too many purchase attempts from this " + rateLimited.scope() + "; try again in " + seconds + " s");
			problem.setProperty("scope", rateLimited.scope());
			problem.setProperty("retryAfter", seconds);
			return new Answer(problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					PurchaseServlet.this.json.problemBody(this.http, problem), String.valueOf(seconds));
		}

		@Override
		public Answer notAdmitted(PurchaseOutcome.NotAdmitted notAdmitted) {
			String queue = "/sales/" + this.request.saleId() + "/queue";
			if (this.admission == AdmissionTokens.Verdict.ABSENT) {
				ProblemDetail problem = PurchaseProblemTypes.ADMISSION_REQUIRED
					.problem("This sale has a waiting room: join it at " + queue + " and buy with the admission "
							+ "it gives, in the " + AdmissionTokens.HEADER + " header");
				problem.setProperty("queue", queue);
				return problem(problem);
			}
			String why = switch (this.admission) {
				case OTHER_SALE -> "it admits to another sale";
				case OTHER_SHOPPER -> "it admits another shopper";
				case EXPIRED -> "it has ended; join the queue again";
				default -> "it is not one this API issued";
			};
			ProblemDetail problem = PurchaseProblemTypes.ADMISSION_INVALID
				.problem("The " + AdmissionTokens.HEADER + " header does not admit this purchase: " + why);
			problem.setProperty("reason", this.admission.name());
			problem.setProperty("queue", queue);
			return problem(problem);
		}

		private Answer problem(ProblemDetail problem) {
			return new Answer(problem.getStatus(), MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					PurchaseServlet.this.json.problemBody(this.http, problem));
		}

	}

}
