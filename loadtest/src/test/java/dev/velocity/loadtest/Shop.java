package dev.velocity.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run needs before it starts, over plain HTTP: tokens (the shoppers' and the
 * admin's) and the sale (and its waiting room) it buys from.
 */
final class Shop {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final Settings settings;

	Shop(Settings settings) {
		this.settings = settings;
	}

	String adminToken() throws IOException, InterruptedException {
		if (!this.settings.adminToken().isEmpty()) {
			return this.settings.adminToken();
		}
		require(!this.settings.tokenEndpoint().isEmpty() && !this.settings.adminSecret().isEmpty(),
				"velocity.adminToken, or velocity.tokenEndpoint with velocity.adminSecret, is required");
		return token("grant_type=client_credentials&client_id=velocity-admin&client_secret="
				+ URLEncoder.encode(this.settings.adminSecret(), StandardCharsets.UTF_8));
	}

	/** As many shoppers as arrive (signed in eight at a time), or the file's. */
	List<String> shopperTokens(int count) throws Exception {
		if (!this.settings.shopperTokens().isEmpty()) {
			List<String> tokens = Files.readAllLines(Path.of(this.settings.shopperTokens()))
				.stream()
				.filter((line) -> !line.isBlank())
				.toList();
			require(!tokens.isEmpty(), "no tokens in " + this.settings.shopperTokens());
			return tokens;
		}
		require(!this.settings.tokenEndpoint().isEmpty(),
				"velocity.tokenEndpoint or velocity.shopperTokens is required");
		String run = Long.toString(System.currentTimeMillis(), 36);
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> tokens = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String name = "gatling-" + run + "-" + i;
				tokens.add(pool.submit(() -> token("grant_type=password&username=" + name)));
			}
			List<String> signedIn = new ArrayList<>();
			for (Future<String> token : tokens) {
				signedIn.add(token.get());
			}
			return signedIn;
		}
		finally {
			pool.shutdownNow();
		}
	}

	void putSale(String admin) throws IOException, InterruptedException {
		send(admin, "PUT", "/admin/sales/" + this.settings.sale(),
				"{\"name\":\"Gatling " + this.settings.profile() + "\",\"stock\":" + this.settings.stock() + "}");
	}

	void putWaitingRoom(String admin) throws IOException, InterruptedException {
		send(admin, "PUT", "/admin/sales/" + this.settings.sale() + "/waiting-room", "{\"admissionsPerSecond\":"
				+ this.settings.admissionsPerSecond() + ",\"admissionSeconds\":120,\"paused\":false}");
	}

	private void send(String admin, String method, String path, String body) throws IOException, InterruptedException {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(this.settings.url() + path))
			.header("Authorization", "Bearer " + admin)
			.header("Content-Type", "application/json")
			.method(method, HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		require(answer.statusCode() < 300, method + " " + path + ": " + answer.statusCode() + " " + answer.body());
	}

	private String token(String form) throws IOException, InterruptedException {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(this.settings.tokenEndpoint()))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		Matcher token = ACCESS_TOKEN.matcher(answer.body());
		require(answer.statusCode() == 200 && token.find(),
				"token endpoint: " + answer.statusCode() + " " + answer.body());
		return token.group(1);
	}

	private static void require(boolean condition, String why) {
		if (!condition) {
			throw new IllegalStateException(why);
		}
	}

}
