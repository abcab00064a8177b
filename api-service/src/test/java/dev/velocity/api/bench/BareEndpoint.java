package dev.velocity.api.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * The ceiling {@code loadtest/bench.sh} compares {@code POST /buy} with: the API's own
 * Spring Boot Tomcat, on virtual threads as the API runs it, on the same JDK, with one
 * servlet that reads the body and answers a constant sold-out problem of the API's size.
 * No filter, no security, no Redis: what is left between {@code /buy} and this is what
 * Velocity adds. {@code BareEndpoint <port>}; stops on SIGTERM.
 */
public final class BareEndpoint {

	private static final byte[] SOLD_OUT = ("{\"type\":\"https://velocity.dev/problems/sold-out\",\"title\":\"Sold out\","
			+ "\"status\":409,\"detail\":\"The sale has no stock left\",\"instance\":\"/buy\",\"remaining\":0}")
		.getBytes(StandardCharsets.UTF_8);

	private BareEndpoint() {
	}

	public static void main(String[] args) {
		TomcatServletWebServerFactory factory = ApiTomcat.factory(Integer.parseInt(args[0]));
		WebServer server = factory.getWebServer((context) -> context.addServlet("buy", new HttpServlet() {

			@Override
			protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
				request.getInputStream().readAllBytes();
				response.setStatus(409);
				response.setContentType("application/problem+json");
				response.setContentLength(SOLD_OUT.length);
				response.getOutputStream().write(SOLD_OUT);
			}

		}).addMapping("/buy"));
		server.start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "bare-endpoint-stop"));
		System.out.println("bare endpoint on " + server.getPort());
	}

}
