package dev.velocity.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets a 4xx problem with a stable type, never a 500, and the edge leaks
 * nothing: URLs and bodies a client mangles, slow bodies, security headers, escaped logs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "velocity.http.body-deadline=1s")
@ExtendWith(OutputCaptureExtension.class)
@UsesRealServers
class BadInputIntegrationTests {

	private static final String SALE = ApiIntegrationTestSupport.uniqueSaleId("bad-input");

	@LocalServerPort
	int port;

	private ApiClient api;

	@BeforeEach
	void sale(ApiClient api) {
		this.api = api;
		this.api.putSale(SALE, ApiIntegrationTestSupport.openSale(1_000_000, null));
	}

	static Stream<Arguments> malformedPurchases() {
		return Stream.of(Arguments.of("not JSON", "{\"saleId\": "), Arguments.of("a JSON array", "[1, 2]"),
				Arguments.of("an empty body", ""), Arguments.of("no saleId", "{\"userId\":\"u\",\"quantity\":1}"),
				Arguments.of("a key twice", "{\"saleId\":\"x\",\"saleId\":\"" + SALE + "\"}"),
				Arguments.of("a quantity as a numeric string", "{\"saleId\":\"" + SALE + "\",\"quantity\":\"2\"}"),
				Arguments.of("a quantity as a boolean", "{\"saleId\":\"" + SALE + "\",\"quantity\":true}"),
				Arguments.of("a saleId as a number", "{\"saleId\":12345}"),
				Arguments.of("a userId with a line break", "{\"saleId\":\"" + SALE + "\",\"userId\":\"a\\r\\nb\"}"),
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

		ApiClient.Answer answer = this.api.send(ApiClient.as("bad-input", this.api.request("/buy"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());

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
		HttpRequest request = ApiClient.as("bad-input", this.api.request("/buy"))
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
		ApiClient.Answer answer = this.api.send(ApiClient.as("bad-input", this.api.request("/buy"))
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
		ApiClient.Answer answer = this.api.send(ApiClient.as("bad-input", this.api.request("/buy")).GET().build());

		assertThat(answer.status()).isEqualTo(405);
		assertThat(answer.type()).endsWith("/method-not-allowed");
		// /buy is a servlet of its own: it says what it allows, as the dispatcher would.
		assertThat(answer.raw().headers().firstValue("Allow")).hasValue("POST");
		ApiClient.Answer options = this.api.send(ApiClient.as("bad-input", this.api.request("/buy"))
			.method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
			.build());
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

	@Test
	void answersInvalidRequestForMalformedUrlsOnEveryPath() throws IOException {
		for (String target : new String[] { "/sales;a=%zz", "/buy;a=%zz", "/sales/%zz", "/admin/sales;x=%zz",
				"/actuator/health;a=%zz", "/buy;jsessionid=<script>" }) {
			String[] answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
			assertThat(answer[0]).as(target).startsWith("HTTP/1.1 400");
			assertThat(answer[1]).as(target)
				.contains("https://velocity.dev/problems/invalid-request")
				.doesNotContain("%zz", "<script>", "jsessionid");
		}
	}

	@Test
	void answersInvalidRequestForTheErrorPageAskedForDirectly() {
		for (String method : new String[] { "GET", "POST", "DELETE" }) {
			ApiClient.Answer answer = this.api
				.send(this.api.request("/error").method(method, HttpRequest.BodyPublishers.noBody()).build());
			assertThat(answer.status()).as(method).isEqualTo(400);
			assertThat(answer.type()).isEqualTo("https://velocity.dev/problems/invalid-request");
		}
	}

	@Test
	void answersInvalidRequestForDatesOutOfRange() {
		for (String date : new String[] { "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
				"1970-01-01T00:00:00Z" }) {
			ApiClient.Answer answer = this.api.putSale(ApiIntegrationTestSupport.uniqueSaleId("far"),
					Map.of("name", "x", "stock", 1, "startsAt", date));
			assertThat(answer.status()).as(date).isEqualTo(400);
			assertThat(answer.body().get("errors").findValuesAsString("field")).containsExactly("startsAt");
		}
	}

	@Test
	void neverEchoesTheRequestPathInTheSoldOutAnswer() {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("echo");
		this.api.putSale(saleId, ApiIntegrationTestSupport.openSale(0, null));

		ApiClient.Answer soldOut = this.api.buy(saleId, "echo", 1);

		assertThat(soldOut.type()).endsWith("/sold-out");
		assertThat(soldOut.text("instance")).isEqualTo("/buy");
	}

	@Test
	void refusesABodyThatTrickles() throws IOException {
		String body = "{\"saleId\":\"" + SALE + "\",\"quantity\":1}";
		long start = System.nanoTime();
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /buy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ "Authorization: Bearer " + ApiClient.shopperToken("slowpoke") + "\r\nContent-Length: "
					+ body.length() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			// One byte every 300 ms: each read is quick, the whole is not.
			InputStream in = socket.getInputStream();
			for (int i = 0; i < body.length(); i++) {
				out.write(body.charAt(i));
				out.flush();
				if (in.available() > 0) {
					break;
				}
				org.awaitility.Awaitility.await().pollDelay(java.time.Duration.ofMillis(300)).until(() -> true);
			}
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 408").contains("https://velocity.dev/problems/request-timeout");
		}
		catch (java.net.SocketException ex) {
			// Closed after the answer while we were still sending: the answer was read
			// above.
		}
		assertThat((System.nanoTime() - start) / 1e9).isLessThan(10);
	}

	@Test
	void sendsSecurityHeadersOnThePageAndTheApiAndAStrictPolicyOnAnswersThatAreNoPage() {
		for (String path : new String[] { "/", "/sales", "/identity" }) {
			var headers = this.api.send(this.api.request(path).GET().build()).raw().headers();
			assertThat(headers.firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((csp) -> assertThat(csp).contains("frame-ancestors 'none'", "default-src 'self'"));
			assertThat(headers.firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(headers.firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
			assertThat(headers.firstValue("X-Frame-Options")).as(path).hasValue("DENY");
		}
		// An answer to another method is never a page: the strictest policy, and short.
		var post = this.api
			.send(this.api.request("/buy")
				.header("Content-Type", "application/json")
				.POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"saleId\":\"any\"}"))
				.build())
			.raw()
			.headers();
		assertThat(post.firstValue("Content-Security-Policy")).hasValue("default-src 'none'; frame-ancestors 'none'");
		assertThat(post.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		var admin = this.api.send(ApiClient.admin(this.api.request("/admin/sales")).GET().build()).raw().headers();
		// No store may keep an answer; HTTP/1.0's cache headers and the XSS auditor's,
		// which
		// no current browser reads, are not sent (ADR 0013).
		for (var headers : List.of(post, admin)) {
			assertThat(headers.allValues("Cache-Control")).containsExactly("no-store");
			assertThat(headers.map()).doesNotContainKeys("pragma", "expires", "x-xss-protection");
		}
	}

	@Test
	void logsNoLineBreakAClientSent(CapturedOutput output) {
		LoggerFactory.getLogger(BadInputIntegrationTests.class)
			.warn("shopper said {}", "alice\r\nFORGED ERROR line\u001b[31m");

		assertThat(output.getOut()).contains("shopper said alice??FORGED ERROR line?[31m");
		assertThat(output.getOut().lines()).noneMatch((line) -> line.startsWith("FORGED"));
	}

	/** A request over a raw socket (no client library mends it): status line and body. */
	private String[] raw(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			int end = answer.indexOf("\r\n");
			int body = answer.indexOf("\r\n\r\n");
			return new String[] { answer.substring(0, Math.max(end, 0)),
					(body >= 0) ? answer.substring(body + 4) : "" };
		}
	}

}
