package dev.velocity.api.apidocs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests, built from the API's own OpenAPI document, thrown at the running
 * API (real servers behind it, a Redis of its own): every operation, with path and query
 * values, bodies (the schema's fields with values of any type, or no JSON at all) and
 * credentials (none, a shopper's, the admin's, a forged one) drawn at random. Whatever is
 * sent, the answer is never a 5xx, and every failure is a problem.
 */
@UsesRealServers(ownRedis = true)
class OpenApiPropertyTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

	private static @Nullable ConfigurableApplicationContext api;

	private static String base = "";

	private static List<Operation> operations = List.of();

	@BeforeContainer
	static void start() throws Exception {
		api = ApiIntegrationTestSupport.startInstance(ClassServers.of(OpenApiPropertyTests.class),
				"--velocity.waiting-room.token-secret=test-secret-of-at-least-thirty-two-bytes",
				"--velocity.rate-limit.shopper.burst=100000", "--velocity.rate-limit.address.burst=100000",
				"--velocity.waiting-room.call-burst=100000");
		base = "http://127.0.0.1:" + ApiIntegrationTestSupport.port(api);
		JsonNode document = json
			.readTree(ApiDocsExchange.send(base, "GET", "/v3/api-docs", Map.of(), null).responseBody());
		operations = Operation.all(document);
		assertThat(operations).hasSizeGreaterThan(15);
	}

	@AfterContainer
	static void stop() {
		if (api != null) {
			api.close();
		}
		// jqwik runs no JUnit extension: the class's own Redis is stopped here.
		ClassServers.of(OpenApiPropertyTests.class).stopOwn();
	}

	@Property(tries = 400)
	void noGeneratedRequestGetsAServerError(@ForAll("requests") Generated request) throws Exception {
		ApiDocsExchange answer = ApiDocsExchange.send(base, request.method(), request.path(), request.headers(),
				request.body());

		Statistics.label("status").collect(answer.status());
		String problemType = (answer.status() >= 400) ? typeOf(answer.responseBody()) : "";
		// A rebuild asked of a sale whose queue has not drained is refused with 503 by
		// design; it is the one 5xx a request can ask for.
		if (!problemType.endsWith("/rebuild-unavailable")) {
			assertThat(answer.status()).as("%s -> %s", request, answer.responseBody()).isLessThan(500);
		}
		if (answer.status() >= 400) {
			assertThat(answer.responseHeaders().get("Content-Type")).as("%s", request)
				.startsWith("application/problem+json");
			assertThat(problemType).as("%s", request).startsWith("https://velocity.dev/problems/");
		}
	}

	@Provide
	Arbitrary<Generated> requests() {
		return Arbitraries.of(operations)
			.flatMap((operation) -> Combinators
				.combine(values().list().ofSize(operation.pathParameters().size()), query(operation), body(operation),
						credentials(), headers(operation))
				.as((path, query, body, credentials, headers) -> operation.request(path, query, body, credentials,
						headers)));
	}

	/** Values of any shape: ids that exist or not, hostile text, numbers, nothing. */
	private static Arbitrary<String> values() {
		return Arbitraries.oneOf(
				Arbitraries.of("sale-1", "drop", "", "..", "a b", "%00", "{x}", "x".repeat(300), "sale-1.0000", "☃",
						"-1", "0", "1e9", "null", "../admin"),
				Arbitraries.strings().ofMaxLength(40), Arbitraries.integers().map(String::valueOf));
	}

	private static Arbitrary<Map<String, String>> query(Operation operation) {
		if (operation.queryParameters().isEmpty()) {
			return Arbitraries.just(Map.of());
		}
		return values().list().ofSize(operation.queryParameters().size()).map((drawn) -> {
			Map<String, String> query = new LinkedHashMap<>();
			for (int i = 0; i < drawn.size(); i++) {
				query.put(operation.queryParameters().get(i), drawn.get(i));
			}
			return query;
		});
	}

	private static Arbitrary<@Nullable String> body(Operation operation) {
		if (!operation.hasBody()) {
			return Arbitraries.just(null);
		}
		Arbitrary<JsonNode> anyValue = Arbitraries.oneOf(values().map((text) -> json.getNodeFactory().textNode(text)),
				Arbitraries.longs().map((n) -> json.getNodeFactory().numberNode(n)),
				Arbitraries.doubles().map((n) -> json.getNodeFactory().numberNode(n)),
				Arbitraries.of(true, false).map((b) -> json.getNodeFactory().booleanNode(b)),
				Arbitraries.just(json.getNodeFactory().nullNode()), Arbitraries.just(json.createArrayNode()),
				Arbitraries.just(json.createObjectNode()));
		Arbitrary<String> fromSchema = anyValue.list().ofSize(operation.bodyFields().size()).flatMap((drawn) -> {
			return Arbitraries.integers().between(0, (1 << Math.min(drawn.size(), 10)) - 1).map((kept) -> {
				ObjectNode body = json.createObjectNode();
				for (int i = 0; i < drawn.size(); i++) {
					if ((kept & (1 << Math.min(i, 9))) != 0) {
						body.set(operation.bodyFields().get(i), drawn.get(i));
					}
				}
				return body.toString();
			});
		});
		return Arbitraries.oneOf(fromSchema, fromSchema, Arbitraries.strings().ofMaxLength(60),
				Arbitraries.of("{", "[]", "null", "{\"saleId\":\"a\",\"saleId\":\"b\"}", "{\"quantity\":1e400}"));
	}

	private static Arbitrary<@Nullable String> credentials() {
		return Arbitraries.of("none", "admin", "shopper", "forged").map((kind) -> switch (kind) {
			case "admin" -> "Bearer " + ApiClient.adminToken();
			case "shopper" -> "Bearer " + ApiClient.shopperToken("generated-shopper");
			case "forged" -> "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
			default -> null;
		});
	}

	private static Arbitrary<Map<String, String>> headers(Operation operation) {
		if (operation.headerParameters().isEmpty()) {
			return Arbitraries.just(Map.of());
		}
		Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300);
		return printable.list().ofSize(operation.headerParameters().size()).map((drawn) -> {
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 0; i < drawn.size(); i++) {
				if (!drawn.get(i).isBlank()) {
					headers.put(operation.headerParameters().get(i), drawn.get(i).strip());
				}
			}
			return headers;
		});
	}

	private static String typeOf(String body) {
		try {
			return json.readTree(body).path("type").asString("");
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	/** A request drawn for an operation. */
	record Generated(String method, String path, Map<String, String> headers, @Nullable String body) {

	}

	/** An operation of the document, as far as the generator needs it. */
	record Operation(String method, String template, List<String> pathParameters, List<String> queryParameters,
			List<String> headerParameters, boolean hasBody, List<String> bodyFields) {

		static List<Operation> all(JsonNode document) {
			List<Operation> all = new ArrayList<>();
			document.path("paths").properties().forEach((path) -> path.getValue().properties().forEach((entry) -> {
				if (!List.of("get", "put", "post", "delete", "patch").contains(entry.getKey())) {
					return;
				}
				JsonNode operation = entry.getValue();
				List<String> pathParameters = new ArrayList<>();
				Matcher matcher = PARAMETER.matcher(path.getKey());
				while (matcher.find()) {
					pathParameters.add(matcher.group(1));
				}
				List<String> query = new ArrayList<>();
				List<String> headers = new ArrayList<>();
				operation.path("parameters").forEach((parameter) -> {
					switch (parameter.path("in").asString()) {
						case "query" -> query.add(parameter.path("name").asString());
						case "header" -> headers.add(parameter.path("name").asString());
						default -> {
						}
					}
				});
				JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
				boolean hasBody = !schema.isMissingNode();
				String ref = schema.path("$ref").asString("");
				JsonNode resolved = ref.isEmpty() ? schema
						: document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
				List<String> fields = new ArrayList<>();
				resolved.path("properties").propertyNames().forEach(fields::add);
				all.add(new Operation(entry.getKey().toUpperCase(), path.getKey(), pathParameters, query, headers,
						hasBody, fields));
			}));
			return all;
		}

		Generated request(List<String> pathValues, Map<String, String> query, @Nullable String body,
				@Nullable String credentials, Map<String, String> extra) {
			StringBuilder path = new StringBuilder();
			Matcher matcher = PARAMETER.matcher(this.template);
			int i = 0;
			while (matcher.find()) {
				matcher.appendReplacement(path,
						Matcher.quoteReplacement(URLEncoder.encode(pathValues.get(i++), StandardCharsets.UTF_8)));
			}
			matcher.appendTail(path);
			if (!query.isEmpty()) {
				path.append('?');
				query.forEach((name, value) -> path.append(name)
					.append('=')
					.append(URLEncoder.encode(value, StandardCharsets.UTF_8))
					.append('&'));
				path.setLength(path.length() - 1);
			}
			Map<String, String> headers = new LinkedHashMap<>(extra);
			if (credentials != null) {
				headers.put("Authorization", credentials);
			}
			if (body != null) {
				headers.put("Content-Type", "application/json");
			}
			return new Generated(this.method, path.toString(), headers, body);
		}

	}

}
