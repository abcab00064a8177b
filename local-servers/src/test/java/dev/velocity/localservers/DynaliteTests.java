package dev.velocity.localservers;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The local stack's dynalite, a real process of its own. */
class DynaliteTests {

	private Dynalite dynalite;

	@BeforeEach
	void start() {
		LocalAws.useLocalCredentials();
		this.dynalite = Dynalite.startEphemeral();
	}

	@AfterEach
	void stop() {
		this.dynalite.stop();
	}

	@Test
	void survivesClientsThatHangUpMidRequest() throws IOException {
		// As a worker killed while it sends a batch: headers and part of the body, then a
		// reset. dynalite 4.0.0 on its own rethrows the request's 'aborted' error and
		// exits.
		for (int i = 0; i < 3; i++) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.dynalite.port())) {
				OutputStream out = socket.getOutputStream();
				out.write(("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.0\r\n"
						+ "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 100000\r\n\r\n{\"Limit\":")
					.getBytes(StandardCharsets.US_ASCII));
				out.flush();
				socket.setSoLinger(true, 0);
			}
		}

		try (DynamoDbClient client = LocalAws.dynamoDb(this.dynalite.endpoint())) {
			// A crash comes an instant after the reset: give it the time to show.
			await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> this.dynalite.isRunning());
			assertThat(client.listTables().tableNames()).isEmpty();
		}
	}

}
