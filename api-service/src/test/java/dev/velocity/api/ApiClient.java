package dev.velocity.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the API under test: real requests over a real socket. */
public final class ApiClient {

	public static final String ADMIN_TOKEN = "test-admin-token";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final String base;

	public ApiClient(int port) {
		this.base = "http://127.0.0.1:" + port;
		this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

	public HttpRequest buyRequest(Map<String, ?> body, String idempotencyKey) {
		HttpRequest.Builder builder = request("/buy").POST(body(body));
		if (idempotencyKey != null) {
			builder.header("Idempotency-Key", idempotencyKey);
		}
		return builder.build();
	}

	public Answer getOrder(String orderId) {
		return send(request("/orders/" + orderId).GET().build());
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json");
	}

	public HttpRequest.Builder admin(HttpRequest.Builder builder) {
		return builder.header("Authorization", "Bearer " + ADMIN_TOKEN);
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

	private static Answer answer(HttpResponse<String> response) {
		String text = response.body();
		boolean isJson = response.headers().firstValue("Content-Type").orElse("").contains("json");
		JsonNode node = (!isJson || text == null || text.isBlank()) ? null : json.readTree(text);
		return new Answer(response.statusCode(), node, response);
	}

}
