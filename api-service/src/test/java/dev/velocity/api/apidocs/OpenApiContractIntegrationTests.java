package dev.velocity.api.apidocs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the API serves against what the API really answers: every
 * operation of the document is called on the running API (with real servers behind it),
 * on its happy path and on its failures, and each answer (and each request meant to be
 * valid) is validated against the document. An operation added without being called here,
 * or an answer that drifts from the document, fails the test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.waiting-room.token-secret=test-secret-of-at-least-thirty-two-bytes",
				"velocity.waiting-room.call-burst=5" })
@UsesRealServers
class OpenApiContractIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	private final List<ApiDocsExchange> valid = new ArrayList<>();

	/** Exchanges whose answer alone is checked (requests meant to be bad, mostly). */
	private final List<ApiDocsExchange> answersOnly = new ArrayList<>();

	private final Set<String> called = new TreeSet<>();

	private String base;

	@Test
	void everyOperationAnswersAsItsDocumentSays() throws Exception {
		this.base = "http://127.0.0.1:" + this.port;
		String document = ApiDocsExchange.send(this.base, "GET", "/v3/api-docs", Map.of(), null).responseBody();
		// Kept for readers and tools: the document as this build serves it.
		Files.writeString(Path.of("target", "openapi.json"), document);
		JsonNode api = json.readTree(document);
		assertThat(api.path("openapi").asString()).startsWith("3.1");
		OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(document)
			.build();

		String sale = ApiIntegrationTestSupport.uniqueSaleId("contract");
		String room = ApiIntegrationTestSupport.uniqueSaleId("contract-room");
		String admin = "Bearer " + ApiClient.adminToken();
		String alice = "Bearer " + ApiClient.shopperToken("contract-alice");
		String bob = "Bearer " + ApiClient.shopperToken("contract-bob");

		ok("GET /identity", "GET", "/identity", null, null);
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, admin,
				"{\"name\":\"Contract\",\"stock\":2,\"perUserLimit\":1}");
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, admin,
				"{\"name\":\"Contract\",\"stock\":2,\"perUserLimit\":1}");
		bad("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, admin, "{\"name\":\"x\",\"stock\":-1}");
		bad("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, alice, "{\"name\":\"x\",\"stock\":1}");
		bad("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, null, "{\"name\":\"x\",\"stock\":1}");
		ok("GET /admin/sales", "GET", "/admin/sales", admin, null);
		// The validator misreads an OpenAPI 3.1 array query parameter (as JSON, or as a
		// scalar): this request is checked by the API itself (a bad state is 400, below),
		// its answer against the document.
		ApiDocsExchange filtered = call("GET /admin/sales", "GET", "/admin/sales?state=ENDED&state=OPEN", admin, null,
				Map.of());
		assertThat(filtered.status()).isEqualTo(200);
		this.answersOnly.add(filtered);
		bad("GET /admin/sales", "GET", "/admin/sales?state=NOPE", admin, null);
		ok("GET /admin/sales/{saleId}", "GET", "/admin/sales/" + sale, admin, null);
		bad("GET /admin/sales/{saleId}", "GET", "/admin/sales/no-such-sale", admin, null);
		ok("GET /sales", "GET", "/sales", null, null);
		ok("GET /sales/{saleId}", "GET", "/sales/" + sale, null, null);
		bad("GET /sales/{saleId}", "GET", "/sales/no-such-sale", null, null);
		bad("GET /sales/{saleId}", "GET", "/sales/bad%20id", null, null);

		ApiDocsExchange bought = ok("POST /buy", "POST", "/buy", alice, "{\"saleId\":\"" + sale + "\"}",
				Map.of("Idempotency-Key", "contract-1"));
		bad("POST /buy", "POST", "/buy", alice, "{\"saleId\":\"" + sale + "\",\"quantity\":2}",
				Map.of("Idempotency-Key", "contract-1"));
		bad("POST /buy", "POST", "/buy", alice, "{\"saleId\":\"" + sale + "\"}", Map.of());
		ok("POST /buy", "POST", "/buy", bob, "{\"saleId\":\"" + sale + "\"}");
		bad("POST /buy", "POST", "/buy", "Bearer " + ApiClient.shopperToken("contract-carol"),
				"{\"saleId\":\"" + sale + "\"}");
		bad("POST /buy", "POST", "/buy", alice, "{\"saleId\":\"no-such-sale\"}");
		bad("POST /buy", "POST", "/buy", alice, "{\"saleId\":");
		bad("POST /buy", "POST", "/buy", null, "{\"saleId\":\"" + sale + "\"}");
		bad("POST /buy", "POST", "/buy", bob, "{\"saleId\":\"" + sale + "\"}");
		bad("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + sale, admin, "{\"name\":\"x\",\"stock\":1}");

		String orderId = json.readTree(bought.responseBody()).path("orderId").asString();
		ok("GET /orders/{orderId}", "GET", "/orders/" + orderId, alice, null);
		bad("GET /orders/{orderId}", "GET", "/orders/" + orderId, bob, null);
		bad("GET /orders/{orderId}", "GET", "/orders/" + orderId, null, null);

		ok("GET /admin/reconciliation", "GET", "/admin/reconciliation", admin, null);
		ok("GET /admin/reconciliation/{saleId}", "GET", "/admin/reconciliation/" + sale, admin, null);
		bad("GET /admin/reconciliation/{saleId}", "GET", "/admin/reconciliation/no-such-sale", admin, null);
		bad("POST /admin/sales/{saleId}/rebuild", "POST", "/admin/sales/no-such-sale/rebuild", admin, null);
		ok("GET /admin/dead-letters", "GET", "/admin/dead-letters", admin, null);
		ok("POST /admin/dead-letters/redrive", "POST", "/admin/dead-letters/redrive?max=1", admin, null);
		bad("POST /admin/dead-letters/redrive", "POST", "/admin/dead-letters/redrive?max=0", admin, null);

		ok("POST /admin/sales/{saleId}/close", "POST", "/admin/sales/" + sale + "/close", admin, null);
		bad("POST /admin/sales/{saleId}/archive", "POST", "/admin/sales/" + sale + "/archive", admin, null);
		bad("POST /admin/sales/{saleId}/archive", "POST", "/admin/sales/no-such-sale/archive", admin, null);
		bad("DELETE /admin/sales/{saleId}", "DELETE", "/admin/sales/" + sale, admin, null);
		String draft = ApiIntegrationTestSupport.uniqueSaleId("contract-draft");
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + draft + "?draft=true", admin,
				"{\"name\":\"Draft\",\"stock\":1}");
		bad("POST /admin/sales/{saleId}/archive", "POST", "/admin/sales/" + draft + "/archive", admin, null);
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + draft, admin,
				"{\"name\":\"Draft\",\"stock\":1,\"startsAt\":\"2999-01-01T00:00:00Z\"}");
		ok("GET /admin/sales", "GET", "/admin/sales?limit=1&after=a", admin, null);
		bad("GET /admin/sales", "GET", "/admin/sales?limit=0", admin, null);
		ok("DELETE /admin/sales/{saleId}", "DELETE", "/admin/sales/" + draft, admin, null);
		String unsold = ApiIntegrationTestSupport.uniqueSaleId("contract-unsold");
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + unsold, admin, "{\"name\":\"Unsold\",\"stock\":1}");
		ok("POST /admin/sales/{saleId}/close", "POST", "/admin/sales/" + unsold + "/close", admin, null);
		ok("POST /admin/sales/{saleId}/archive", "POST", "/admin/sales/" + unsold + "/archive", admin, null);
		bad("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + unsold, admin, "{\"name\":\"Again\",\"stock\":1}");
		bad("POST /admin/sales/{saleId}/rebuild", "POST", "/admin/sales/" + unsold + "/rebuild", admin, null);
		bad("DELETE /admin/sales/{saleId}", "DELETE", "/admin/sales/" + draft, admin, null);
		bad("POST /admin/sales/{saleId}/close", "POST", "/admin/sales/no-such-sale/close", admin, null);
		bad("POST /buy", "POST", "/buy", "Bearer " + ApiClient.shopperToken("contract-late"),
				"{\"saleId\":\"" + sale + "\"}");
		ok("PUT /admin/sales/{saleId}", "PUT", "/admin/sales/" + room, admin, "{\"name\":\"Room\",\"stock\":5}");
		bad("GET /admin/sales/{saleId}/waiting-room", "GET", "/admin/sales/" + room + "/waiting-room", admin, null);
		bad("POST /sales/{saleId}/queue", "POST", "/sales/" + room + "/queue", alice, null);
		ok("PUT /admin/sales/{saleId}/waiting-room", "PUT", "/admin/sales/" + room + "/waiting-room", admin,
				"{\"admissionsPerSecond\":0.1,\"admissionSeconds\":60,\"paused\":true}");
		bad("PUT /admin/sales/{saleId}/waiting-room", "PUT", "/admin/sales/" + room + "/waiting-room", admin,
				"{\"admissionsPerSecond\":0,\"admissionSeconds\":60}");
		bad("PUT /admin/sales/{saleId}/waiting-room", "PUT", "/admin/sales/no-such-sale/waiting-room", admin,
				"{\"admissionsPerSecond\":1,\"admissionSeconds\":60}");
		ok("GET /admin/sales/{saleId}/waiting-room", "GET", "/admin/sales/" + room + "/waiting-room", admin, null);
		ok("POST /sales/{saleId}/queue", "POST", "/sales/" + room + "/queue", alice, null);
		ok("GET /sales/{saleId}/queue", "GET", "/sales/" + room + "/queue", alice, null);
		bad("GET /sales/{saleId}/queue", "GET", "/sales/" + room + "/queue", null, null);
		String erin = "Bearer " + ApiClient.shopperToken("contract-erin");
		for (int i = 0; i < 8; i++) {
			call("GET /sales/{saleId}/queue", "GET", "/sales/" + room + "/queue", erin, null, Map.of());
		}
		bad("GET /sales/{saleId}/queue", "GET", "/sales/" + room + "/queue", erin, null);
		String dave = "Bearer " + ApiClient.shopperToken("contract-dave");
		bad("POST /buy", "POST", "/buy", dave, "{\"saleId\":\"" + room + "\"}");
		bad("POST /buy", "POST", "/buy", dave, "{\"saleId\":\"" + room + "\"}",
				Map.of("Velocity-Admission", "not-a-token"));
		ok("DELETE /sales/{saleId}/queue", "DELETE", "/sales/" + room + "/queue", alice, null);
		ok("DELETE /admin/sales/{saleId}/waiting-room", "DELETE", "/admin/sales/" + room + "/waiting-room", admin,
				null);

		assertThat(this.answersOnly).extracting(ApiDocsExchange::status)
			.as("the failures exercised")
			.contains(400, 401, 403, 404, 409, 422, 429);
		assertThat(this.valid).extracting(ApiDocsExchange::status).as("the successes").contains(200, 201, 204);
		assertThat(this.called).as("every operation of the document is called")
			.containsExactlyInAnyOrderElementsOf(operations(api));
		List<String> errors = new ArrayList<>();
		this.valid.forEach((exchange) -> errors.addAll(exchange.errors(validator, true)));
		this.answersOnly.forEach((exchange) -> errors.addAll(exchange.errors(validator, false)));
		assertThat(errors).as("answers (and valid requests) the document does not describe").isEmpty();
	}

	private static Set<String> operations(JsonNode api) {
		Set<String> operations = new TreeSet<>();
		api.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((method) -> {
			if (Set.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
				operations.add(method.getKey().toUpperCase() + " " + path.getKey());
			}
		}));
		return operations;
	}

	private ApiDocsExchange ok(String operation, String method, String path, @Nullable String token,
			@Nullable String body) throws Exception {
		return ok(operation, method, path, token, body, Map.of());
	}

	private ApiDocsExchange ok(String operation, String method, String path, @Nullable String token,
			@Nullable String body, Map<String, String> headers) throws Exception {
		ApiDocsExchange exchange = call(operation, method, path, token, body, headers);
		assertThat(exchange.status()).as("%s %s: %s", method, path, exchange.responseBody()).isLessThan(300);
		this.valid.add(exchange);
		return exchange;
	}

	private void bad(String operation, String method, String path, @Nullable String token, @Nullable String body)
			throws Exception {
		bad(operation, method, path, token, body, Map.of());
	}

	private void bad(String operation, String method, String path, @Nullable String token, @Nullable String body,
			Map<String, String> headers) throws Exception {
		ApiDocsExchange exchange = call(operation, method, path, token, body, headers);
		assertThat(exchange.status()).as("%s %s: %s", method, path, exchange.responseBody()).isBetween(400, 499);
		this.answersOnly.add(exchange);
	}

	private ApiDocsExchange call(String operation, String method, String path, @Nullable String token,
			@Nullable String body, Map<String, String> extra) throws Exception {
		Map<String, String> headers = new LinkedHashMap<>(extra);
		if (token != null) {
			headers.put("Authorization", token);
		}
		if (body != null) {
			headers.put("Content-Type", "application/json");
		}
		this.called.add(operation);
		return ApiDocsExchange.send(this.base, method, path, headers, body);
	}

}
