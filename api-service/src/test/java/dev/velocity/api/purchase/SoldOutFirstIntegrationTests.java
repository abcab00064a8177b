package dev.velocity.api.purchase;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A sold-out sale's 409 comes before every filter and the bearer token's checks (it is
 * the same for every caller), with the same headers as every answer; every other purchase
 * still meets those checks first, and the body read early is the one the purchase goes on
 * with (one that trickles in meets the token first, then its deadline, as it would
 * without the early read).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "velocity.http.body-deadline=2s")
@UsesRealServers
class SoldOutFirstIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private ApiClient api;

	private String soldOut;

	@BeforeEach
	void sellOut(ApiClient api) throws InterruptedException {
		this.api = api;
		this.soldOut = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first");
		api.putSale(this.soldOut, ApiIntegrationTestSupport.openSale(1, null));
		assertThat(api.buy(this.soldOut, "ann", 1).status()).isEqualTo(200);
		// The stock announcement of ann's purchase (every 50 ms) makes every gate forget
		// the sale: let it pass. Then a signed-in attempt that Redis answers "none left"
		// teaches the gate.
		Thread.sleep(500);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(api.buy(this.soldOut, "bob", 1).status()).isEqualTo(409);
			assertThat(api.send(purchase(this.soldOut).build()).status()).isEqualTo(409);
		});
	}

	@Test
	void aSoldOutSaleAnswersEveryoneAlikeBeforeTheirToken() {
		double timedBefore = timedConflicts();
		double countedBefore = soldOutCount();
		for (HttpRequest.Builder request : new HttpRequest.Builder[] { purchase(this.soldOut),
				purchase(this.soldOut).header("Authorization", "Bearer made.up.token"),
				ApiClient.as("cat", purchase(this.soldOut)) }) {
			ApiClient.Answer answer = this.api.send(request.build());
			assertThat(answer.status()).isEqualTo(409);
			assertThat(answer.type()).isEqualTo("https://velocity.dev/problems/sold-out");
			assertThat(answer.number("remaining")).isZero();
			var headers = answer.raw().headers();
			assertThat(headers.firstValue("Content-Security-Policy"))
				.hasValue("default-src 'none'; frame-ancestors 'none'");
			assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
		}
		assertThat(this.api.getSale(this.soldOut).number("sold")).isEqualTo(1);
		// Counted as sold out, but not timed: the request observation comes after.
		assertThat(soldOutCount()).isEqualTo(countedBefore + 3);
		assertThat(timedConflicts()).isEqualTo(timedBefore);
	}

	@Test
	void aSoldOutSaleAnswersEarlyWithTheHeadersOfAnAnswerThroughTheSecurityChain() {
		ApiClient.Answer early = this.api.send(purchase(this.soldOut).build());
		// A key is owed its order, if any: the purchase goes through the token's checks
		// to Redis, which answers sold out.
		ApiClient.Answer late = this.api
			.send(ApiClient.as("dot", purchase(this.soldOut)).header("Idempotency-Key", "late-1").build());
		assertThat(early.status()).isEqualTo(409);
		assertThat(late.status()).isEqualTo(409);
		assertThat(late.type()).isEqualTo(early.type());
		assertThat(securityHeaders(early)).isNotEmpty().isEqualTo(securityHeaders(late));
		assertThat(timedConflicts()).as("the late one is timed").isPositive();
	}

	@Test
	void aBodyThatTricklesMeetsTheTokenFirstAndThenItsDeadline() throws IOException {
		assertThat(trickle(this.soldOut, null)).startsWith("HTTP/1.1 401");
		assertThat(trickle(this.soldOut, ApiClient.shopperToken("eve"))).startsWith("HTTP/1.1 408")
			.contains("https://velocity.dev/problems/request-timeout");
	}

	@Test
	void everyOtherPurchaseMeetsTheTokensChecksFirst() {
		String open = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first-open");
		this.api.putSale(open, ApiIntegrationTestSupport.openSale(5, null));
		// A sale with stock, and a retry that may be owed its order: the token first.
		assertThat(this.api.send(purchase(open).build()).status()).isEqualTo(401);
		assertThat(this.api.send(purchase(this.soldOut).header("Idempotency-Key", "k-1").build()).status())
			.isEqualTo(401);
		assertThat(this.api.getSale(open).number("sold")).isZero();
	}

	@Test
	void aBodyReadEarlyIsTheOneThePurchaseGoesOnWith() {
		String open = ApiIntegrationTestSupport.uniqueSaleId("sold-out-first-replay");
		this.api.putSale(open, ApiIntegrationTestSupport.openSale(5, null));
		ApiClient.Answer bought = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(ApiClient.body(Map.of("saleId", open, "quantity", 2)))
			.build());
		assertThat(bought.status()).isEqualTo(200);
		assertThat(bought.number("quantity")).isEqualTo(2);
		assertThat(bought.text("userId")).isEqualTo("dan");
		ApiClient.Answer invalid = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(ApiClient.body(Map.of("saleId", open, "quantity", 0)))
			.build());
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body().get("errors").toString()).contains("quantity");
		ApiClient.Answer broken = this.api.send(ApiClient.as("dan", this.api.request("/buy"))
			.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":"))
			.build());
		assertThat(broken.status()).isEqualTo(400);
		assertThat(this.api.getSale(open).number("sold")).isEqualTo(2);
	}

	/** Every header but those of the connection and the body's size and date. */
	private static Map<String, java.util.List<String>> securityHeaders(ApiClient.Answer answer) {
		Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(answer.raw().headers().map());
		headers.keySet().removeAll(java.util.Set.of("date", "content-length", "connection", "keep-alive"));
		return headers;
	}

	private double soldOutCount() {
		Counter counter = this.meters.find("velocity.purchases").tag("outcome", "sold_out").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double timedConflicts() {
		Timer timer = this.meters.find("http.server.requests")
			.tag("method", "POST")
			.tag("uri", "/buy")
			.tag("status", "409")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	/**
	 * A purchase whose body comes one byte every 300 ms, past the body deadline (2 s
	 * here); the answer's head.
	 */
	private String trickle(String saleId, String token) throws IOException {
		String body = "{\"saleId\":\"" + saleId + "\",\"quantity\":1}";
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /buy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ ((token != null) ? "Authorization: Bearer " + token + "\r\n" : "") + "Content-Length: "
					+ body.length() + "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			try {
				for (int i = 0; i < body.length() && in.available() == 0; i++) {
					out.write(body.charAt(i));
					out.flush();
					await().pollDelay(Duration.ofMillis(300)).until(() -> true);
				}
			}
			catch (SocketException ex) {
				// Answered and closed while we were still sending: the answer is read
				// below.
			}
			byte[] head = new byte[4096];
			int n = in.readNBytes(head, 0, head.length);
			return new String(head, 0, n, StandardCharsets.UTF_8);
		}
	}

	private HttpRequest.Builder purchase(String saleId) {
		return this.api.request("/buy").POST(ApiClient.body(Map.of("saleId", saleId)));
	}

}
