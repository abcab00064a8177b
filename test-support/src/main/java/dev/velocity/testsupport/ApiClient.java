package dev.velocity.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.velocity.testsupport.SharedServers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for the API under test: real requests over a real socket, as
 * signed-in shoppers and admins with tokens of the shared test issuer (the API fetches
 * its keys over HTTP). Each shopper comes from an address of its own, named in
 * {@code X-Forwarded-For} (the tests trust loopback as the load balancer), as shoppers
 * behind a real balancer do.
 */
public final class ApiClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();

	private final HttpClient http;

	private final String base;

	public ApiClient(int port) {
		this("http://127.0.0.1:" + port);
	}

	/**
	 * A client of the API at a base URL.
	 * @param base e.g. {@code http://127.0.0.1:8080}
	 */
	public ApiClient(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	}

	/** A shopper's token from the test issuer (one per shopper, signed once). */
	public static String shopperToken(String shopper) {
		return tokens.computeIfAbsent(shopper, (name) -> SharedServers.issuer().shopperToken(name));
	}

	/** An admin token from the test issuer. */
	public static String adminToken() {
		return tokens.computeIfAbsent("\0admin", (key) -> SharedServers.issuer().adminToken());
	}

	/**
	 * The address a shopper's requests come from: one of its own, the same every time.
	 * @param shopper the shopper
	 * @return an IPv4 address in 10.0.0.0/8
	 */
	public static String addressOf(String shopper) {
		int hash = shopper.hashCode();
		return "10." + ((hash >>> 16) & 0xff) + "." + ((hash >>> 8) & 0xff) + "." + (hash & 0xff);
	}

	public static HttpRequest.Builder as(String shopper, HttpRequest.Builder builder) {
		return asFrom(shopper, addressOf(shopper), builder);
	}

	/**
	 * A request of a shopper from a given address (as the load balancer names it).
	 * @param shopper the shopper
	 * @param forwardedFor the {@code X-Forwarded-For} the balancer would pass on
	 * @param builder the request
	 * @return the request
	 */
	public static HttpRequest.Builder asFrom(String shopper, String forwardedFor, HttpRequest.Builder builder) {
		return builder.header("Authorization", "Bearer " + shopperToken(shopper))
			.header("X-Forwarded-For", forwardedFor);
	}

	/** A purchase of one unit by a shopper from a given address. */
	public CompletableFuture<Answer> buyFromAsync(String saleId, String shopper, String forwardedFor) {
		return this.http
			.sendAsync(asFrom(shopper, forwardedFor, request("/buy")).POST(body(Map.of("saleId", saleId))).build(),
					HttpResponse.BodyHandlers.ofString())
			.thenApply(ApiClient::answer);
	}

	/** An HTTP answer with its body parsed as JSON (or {@code null} when empty). */
	public record Answer(int status, JsonNode body, HttpResponse<String> raw) {

		public String text(String field) {
			JsonNode node = this.body.get(field);
			return (node != null) ? node.asString() : null;
		}

		public long number(String field) {
			return this.body.get(field).asLong();
		}

		public String type() {
			return text("type");
		}

		public String contentType() {
			return this.raw.headers().firstValue("Content-Type").orElse("");
		}

	}

	public Answer putSale(String saleId, Map<String, ?> definition) {
		return send(admin(request("/admin/sales/" + saleId)).PUT(body(definition)).build());
	}

	public Answer getSale(String saleId) {
		return send(admin(request("/admin/sales/" + saleId)).GET().build());
	}

	public Answer buy(String saleId, String userId, int quantity) {
		return send(buyRequest(Map.of("saleId", saleId, "userId", userId, "quantity", quantity), null));
	}

	public CompletableFuture<Answer> buyAsync(String saleId, String userId, int quantity, String idempotencyKey) {
		return this.http
			.sendAsync(buyRequest(Map.of("saleId", saleId, "userId", userId, "quantity", quantity), idempotencyKey),
					HttpResponse.BodyHandlers.ofString())
			.thenApply(ApiClient::answer);
	}

	/**
	 * A purchase as the shopper the body names ({@code userId}, or "anonymous-shopper").
	 * @param body the body, sent as it is
	 * @param idempotencyKey the key, or {@code null}
	 * @return the request
	 */
	public HttpRequest buyRequest(Map<String, ?> body, String idempotencyKey) {
		Object userId = body.get("userId");
		return buyRequestAs((userId instanceof String user && !user.isBlank()) ? user : "anonymous-shopper", body,
				idempotencyKey);
	}

	public HttpRequest buyRequestAs(String shopper, Map<String, ?> body, String idempotencyKey) {
		HttpRequest.Builder builder = as(shopper, request("/buy").POST(body(body)));
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		return builder.build();
	}

	/** Turns a sale's waiting room on or changes it, as an admin. */
	public Answer putWaitingRoom(String saleId, Map<String, ?> settings) {
		return send(admin(request("/admin/sales/" + saleId + "/waiting-room")).PUT(body(settings)).build());
	}

	/** A sale's waiting room, as an admin sees it. */
	public Answer getWaitingRoom(String saleId) {
		return send(admin(request("/admin/sales/" + saleId + "/waiting-room")).GET().build());
	}

	/** A shopper joins a sale's waiting room. */
	public Answer joinQueue(String saleId, String shopper) {
		return send(
				as(shopper, request("/sales/" + saleId + "/queue")).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	/** A shopper asks where they stand in a sale's waiting room. */
	public Answer lookQueue(String saleId, String shopper) {
		return send(as(shopper, request("/sales/" + saleId + "/queue")).GET().build());
	}

	/** One unit, with the admission a waiting room gave ({@code null} for none). */
	public Answer buyAdmitted(String saleId, String shopper, String admission) {
		HttpRequest.Builder builder = as(shopper, request("/buy").POST(body(Map.of("saleId", saleId, "quantity", 1))));
		if (admission != null) {
			builder.header("Velocity-Admission", admission);
		}
		return send(builder.build());
	}

	/** An order, as an admin sees it. */
	public Answer getOrder(String orderId) {
		return send(admin(request("/orders/" + orderId)).GET().build());
	}

	/** An order, as a shopper sees it. */
	public Answer getOrderAs(String shopper, String orderId) {
		return send(as(shopper, request("/orders/" + orderId)).GET().build());
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
	}

	public static HttpRequest.Builder admin(HttpRequest.Builder builder) {
		return builder.header("Authorization", "Bearer " + adminToken());
	}

	/**
	 * An admin's {@code POST} without a body, such as {@code /admin/sales/{id}/close}.
	 */
	public Answer adminPost(String path) {
		return send(admin(request(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	public Answer adminGet(String path) {
		return send(admin(request(path)).GET().build());
	}

	public Answer send(HttpRequest request) {
		try {
			return answer(this.http.send(request, HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static HttpRequest.BodyPublisher body(Object value) {
		return HttpRequest.BodyPublishers.ofString(json.writeValueAsString(value));
	}

	public static Answer answer(HttpResponse<String> response) {
		String text = response.body();
		boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
		JsonNode node = (!isJson || text == null || text.isBlank()) ? null : json.readTree(text);
		return new Answer(response.statusCode(), node, response);
	}

}
