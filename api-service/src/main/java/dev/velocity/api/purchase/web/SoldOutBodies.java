package dev.velocity.api.purchase.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.velocity.api.web.JsonExchange;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ProblemDetail;

/**
 * A sold-out sale's 409 body: the same bytes for every attempt (most of a storm's
 * answers), written once per sale rather than once per attempt.
 */
final class SoldOutBodies {

	/** Bodies kept, one per sale: a bound, not a working set. */
	private static final int MAX_BODIES = 10_000;

	/** The least recently answered sales' bodies go first once the bound is reached. */
	private final Cache<String, byte[]> bodies = Caffeine.newBuilder().maximumSize(MAX_BODIES).build();

	private final JsonExchange json;

	SoldOutBodies(JsonExchange json) {
		this.json = json;
	}

	byte[] of(HttpServletRequest http, String saleId) {
		byte[] body = this.bodies.getIfPresent(saleId);
		if (body == null) {
			// Its instance is the path, never what the first asker put in its URL.
			body = this.json.problemBody(http, problem(saleId));
			this.bodies.put(saleId, body);
		}
		return body;
	}

	static ProblemDetail problem(String saleId) {
		ProblemDetail problem = PurchaseProblemTypes.SOLD_OUT.problem("Sale " + saleId + " is sold out");
		problem.setProperty("remaining", 0);
		return problem;
	}

}
