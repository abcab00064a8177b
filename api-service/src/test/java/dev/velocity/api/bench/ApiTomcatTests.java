package dev.velocity.api.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.WebServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bench's servers run the API's Tomcat: one keep-alive connection carries as many
 * requests as the API's would (Tomcat's default closes it after 100), on virtual threads.
 */
class ApiTomcatTests {

	@Test
	void keepsAConnectionForMoreThanTomcatsDefaultHundredRequestsOnVirtualThreads() throws IOException {
		AtomicInteger onPlatformThreads = new AtomicInteger();
		WebServer server = ApiTomcat.factory(0).getWebServer((context) -> context.addServlet("ok", new HttpServlet() {

			@Override
			protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
				if (!Thread.currentThread().isVirtual()) {
					onPlatformThreads.incrementAndGet();
				}
				response.setContentLength(2);
				response.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
			}

		}).addMapping("/"));
		server.start();
		try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
			OutputStream out = socket.getOutputStream();
			InputStream in = new BufferedInputStream(socket.getInputStream());
			List<String> closing = new ArrayList<>();
			int answered = 0;
			while (answered < 150) {
				out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				out.flush();
				String head = head(in);
				if (head.isEmpty()) {
					break;
				}
				assertThat(head).startsWith("HTTP/1.1 200");
				assertThat(in.readNBytes(2)).asString(StandardCharsets.US_ASCII).isEqualTo("ok");
				answered++;
				if (head.toLowerCase(Locale.ROOT).contains("connection: close")) {
					closing.add("request " + answered);
				}
			}
			assertThat(closing).as("answers that close the connection").isEmpty();
			assertThat(answered).as("requests answered on one connection").isEqualTo(150);
		}
		finally {
			server.stop();
		}
		assertThat(onPlatformThreads).hasValue(0);
	}

	/** A response's status line and headers. */
	private static String head(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			head.write(next);
		}
		return head.toString(StandardCharsets.US_ASCII);
	}

}
