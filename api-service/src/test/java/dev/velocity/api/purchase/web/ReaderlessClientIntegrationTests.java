package dev.velocity.api.purchase.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.UsesRealServers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that sends purchases and never reads their answers stalls no one else. Its
 * answers fill the connection's buffers until writing the next one blocks; that write
 * must hold only a thread of that request's own, never the I/O thread that read Redis's
 * reply, which every other purchase's reply comes through. Answered by Redis (a shopper's
 * limit reached), so every answer here is written after a reply from Redis.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.rate-limit.shopper.per-second=100000", "velocity.rate-limit.shopper.burst=100000",
				"velocity.rate-limit.address.per-second=100000", "velocity.rate-limit.address.burst=100000",
				// Neither a closed connection nor a write's timeout (Tomcat's connection
				// timeout) may end the stall while the test looks at it.
				"server.tomcat.max-keep-alive-requests=-1", "server.tomcat.connection-timeout=60s" })
@UsesRealServers
class ReaderlessClientIntegrationTests {

	/** Far more answers than a connection's buffers hold (each some 900 bytes). */
	private static final int PIPELINED = 20_000;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	@Test
	void aClientThatNeverReadsItsAnswersStallsNoOneElse(ApiClient api) throws Exception {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("readerless");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(1000, 1L));
		assertThat(api.buy(saleId, "zed", 1).status()).isEqualTo(200);
		double before = limitReached();

		try (Socket readerless = new Socket()) {
			// A small window, and nothing read: the server's writes soon block.
			readerless.setReceiveBufferSize(4096);
			readerless.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), 5000);
			// A thread of its own: a common pool worker blocked in this write would
			// starve
			// the HTTP client's steps (on two cores the pool has one worker).
			Thread sending = new Thread(() -> pipeline(readerless, saleId), "readerless-client");
			sending.setDaemon(true);
			sending.start();

			// The server answers until the buffers are full, then stops: stalled.
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> limitReached() > before && unchangedFor(Duration.ofMillis(1000)));
			double answeredBeforeTheStall = limitReached() - before;
			assertThat(answeredBeforeTheStall).as("answers written before the client's buffers were full")
				.isLessThan(PIPELINED);

			// Everyone else is answered, well before the stalled write could time out
			// (60 s here). Written on Lettuce's thread, these answers waited behind the
			// blocked write and got 503 once Redis's timeout passed: checked by hand.
			List<CompletableFuture<ApiClient.Answer>> others = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				others.add(api.buyAsync(saleId, "other-" + i, 1, null));
			}
			for (CompletableFuture<ApiClient.Answer> other : others) {
				assertThat(other.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
			}
			assertThat(limitReached() - before).as("the reader-less client is still stalled")
				.isEqualTo(answeredBeforeTheStall);
		}
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(21);
	}

	private boolean unchangedFor(Duration duration) throws InterruptedException {
		double now = limitReached();
		Thread.sleep(duration.toMillis());
		return limitReached() == now;
	}

	/** zed's purchases, back to back on one connection, for as long as they are taken. */
	private static void pipeline(Socket socket, String saleId) {
		String body = "{\"saleId\":\"" + saleId + "\",\"quantity\":1}";
		byte[] request = ("POST /buy HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
				+ "Authorization: Bearer " + ApiClient.shopperToken("zed") + "\r\nX-Forwarded-For: "
				+ ApiClient.addressOf("zed") + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
			.getBytes(StandardCharsets.US_ASCII);
		try {
			OutputStream out = socket.getOutputStream();
			for (int i = 0; i < PIPELINED; i++) {
				out.write(request);
			}
			out.flush();
		}
		catch (IOException ex) {
			// Closed at the test's end while the server no longer read.
		}
	}

	private double limitReached() {
		Counter counter = this.meters.find("velocity.purchases").tag("outcome", "limit_reached").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
