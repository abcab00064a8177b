package dev.velocity.api;

import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input gets a 4xx problem with a stable type, never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadInputIntegrationTests {

	private static final String SALE = ApiIntegrationTestSupport.uniqueSaleId("bad-input");

	@LocalServerPort
	int port;

	private ApiClient api;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		ApiIntegrationTestSupport.sharedServers(registry, "bad-input-tests-orders");
	}

	@BeforeEach
	void sale() {
		this.api = new ApiClient(this.port);
		this.api.putSale(SALE, ApiIntegrationTestSupport.openSale(1_000_000, null));
	}

	static Stream<Arguments> malformedPurchases() {
		return Stream.of(Arguments.of("not JSON", "{\"saleId\": "), Arguments.of("a JSON array", "[1, 2]"),
				Arguments.of("an empty body", ""), Arguments.of("no saleId", "{\"userId\":\"u\",\"quantity\":1}"),
				Arguments.of("no userId", "{\"saleId\":\"" + SALE + "\"}"),
				Arguments.of("a blank userId", "{\"saleId\":\"" + SALE + "\",\"userId\":\"  \"}"),
				Arguments.of("quantity 0", "{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"quantity\":0}"),
				Arguments.of("a negative quantity", "{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"quantity\":-5}"),
				Arguments.of("a huge quantity",
						"{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"quantity\":99999999999999999999999}"),
				Arguments.of("a fractional quantity",
						"{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"quantity\":1.5}"),
				Arguments.of("a quantity as text", "{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"quantity\":\"x\"}"),
				Arguments.of("a saleId with braces", "{\"saleId\":\"a{b}\",\"userId\":\"u\"}"),
				Arguments.of("an over-long userId",
						"{\"saleId\":\"" + SALE + "\",\"userId\":\"" + "u".repeat(129) + "\"}"),
				Arguments.of("an oversized body",
						"{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"pad\":\"" + "x".repeat(20_000) + "\"}"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedPurchases")
	void answersInvalidRequestForMalformedPurchases(String what, String body) {
		long soldBefore = this.api.getSale(SALE).number("sold");

		ApiClient.Answer answer = this.api
			.send(this.api.request("/buy").POST(HttpRequest.BodyPublishers.ofString(body)).build());

		assertThat(answer.status()).as(what).isEqualTo(400);
		assertThat(answer.type()).as(what).isEqualTo("https://velocity.dev/problems/invalid-request");
		assertThat(answer.contentType()).startsWith("application/problem+json");
		assertThat(this.api.getSale(SALE).number("sold")).as(what).isEqualTo(soldBefore);
	}

	@Test
	void namesEachInvalidField() {
		ApiClient.Answer answer = this.api
			.send(this.api.buyRequest(Map.of("saleId", "a{b}", "userId", " ", "quantity", 0), null));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.text("detail")).isEqualTo("The request has invalid fields");
		assertThat(answer.body().get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("saleId",
				"userId", "quantity");
		assertThat(answer.body().get("errors").findValuesAsString("message"))
			.allSatisfy((message) -> assertThat(message).isNotBlank());
	}

	@Test
	void answersInvalidRequestForAnOversizedChunkedBody() {
		String body = "{\"saleId\":\"" + SALE + "\",\"userId\":\"u\",\"pad\":\"" + "x".repeat(100_000) + "\"}";
		HttpRequest request = this.api.request("/buy")
			.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(body)))
			.build();

		ApiClient.Answer answer = this.api.send(request);

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.type()).endsWith("/invalid-request");
		assertThat(answer.text("detail")).isEqualTo("The request body is too large");
	}

	@Test
	void defaultsQuantityToOne() {
		ApiClient.Answer answer = this.api
			.send(this.api.buyRequest(Map.of("saleId", SALE, "userId", "defaults-to-one"), null));

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.number("quantity")).isEqualTo(1);
	}

	@Test
	void answersInvalidRequestForABadIdempotencyKey() {
		ApiClient.Answer answer = this.api
			.send(this.api.buyRequest(Map.of("saleId", SALE, "userId", "u"), "k".repeat(300)));

		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.type()).endsWith("/invalid-request");
	}

	@Test
	void answersUnsupportedMediaTypeForNonJson() {
		ApiClient.Answer answer = this.api.send(this.api.request("/buy")
			.setHeader("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("saleId=x"))
			.build());

		assertThat(answer.status()).isEqualTo(415);
		assertThat(answer.type()).endsWith("/unsupported-media-type");
	}

	@Test
	void answersSaleNotFoundForAnUnknownSale() {
		ApiClient.Answer answer = this.api.buy("no-such-sale", "u", 1);

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.type()).endsWith("/sale-not-found");
	}

	@Test
	void answersNotFoundProblemsForUnknownOrdersAndPaths() {
		assertThat(this.api.getOrder("no-such-sale.123").type()).endsWith("/order-not-found");
		assertThat(this.api.getOrder("garbage").status()).isEqualTo(404);
		ApiClient.Answer unknownPath = this.api.send(this.api.request("/nowhere").GET().build());
		assertThat(unknownPath.status()).isEqualTo(404);
		assertThat(unknownPath.type()).endsWith("/not-found");
	}

	@Test
	void answersMethodNotAllowedProblem() {
		ApiClient.Answer answer = this.api.send(this.api.request("/buy").GET().build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.type()).endsWith("/method-not-allowed");
		// /buy is a servlet of its own: it says what it allows, as the dispatcher would.
		assertThat(answer.raw().headers().firstValue("Allow")).hasValue("POST");
		ApiClient.Answer options = this.api.send(
				this.api.request("/buy").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.raw().headers().firstValue("Allow")).hasValue("POST, OPTIONS");
	}

	@Test
	void refusesAdminCallsWithoutTheToken() {
		ApiClient.Answer missing = this.api.send(this.api.request("/admin/sales/" + SALE).GET().build());
		ApiClient.Answer wrong = this.api
			.send(this.api.request("/admin/sales/" + SALE).header("Authorization", "Bearer nope").GET().build());
		ApiClient.Answer put = this.api.send(this.api.request("/admin/sales/" + SALE)
			.PUT(ApiClient.body(ApiIntegrationTestSupport.openSale(1, null)))
			.build());

		for (ApiClient.Answer answer : new ApiClient.Answer[] { missing, wrong, put }) {
			assertThat(answer.status()).isEqualTo(401);
			assertThat(answer.type()).endsWith("/unauthorized");
			assertThat(answer.raw().headers().firstValue("WWW-Authenticate"))
				.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		}
		assertThat(this.api.getSale(SALE).number("initialStock")).isEqualTo(1_000_000);
	}

	@Test
	void answersInvalidRequestForBadSaleDefinitions() {
		assertThat(this.api.putSale("bad%7Bid%7D", ApiIntegrationTestSupport.openSale(1, null)).status())
			.isEqualTo(400);
		assertThat(this.api.putSale("neg", Map.of("name", "x", "stock", -1)).type()).endsWith("/invalid-request");
		assertThat(this.api.putSale("noname", Map.of("stock", 1)).type()).endsWith("/invalid-request");
		assertThat(this.api
			.putSale("window",
					Map.of("name", "x", "stock", 1, "startsAt", "2030-01-02T00:00:00Z", "endsAt",
							"2030-01-01T00:00:00Z"))
			.type()).endsWith("/invalid-request");
		assertThat(this.api.putSale("when", Map.of("name", "x", "stock", 1, "startsAt", "tomorrow")).status())
			.isEqualTo(400);
		assertThat(this.api.getSale("no-such-sale").type()).endsWith("/sale-not-found");
	}

}
