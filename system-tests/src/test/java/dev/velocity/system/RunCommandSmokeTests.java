package dev.velocity.system;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.velocity.localservers.FreePort;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./velocity run} started as a user would (with the jars this build made, on free
 * ports): it prints where everything listens and the admin token, takes a purchase end to
 * end, runs the README's quick start as written, and stops everything on Ctrl-C (SIGINT),
 * even started with SIGINT ignored.
 */
class RunCommandSmokeTests {

	private static final Pattern SECRET = Pattern.compile("admin secret (\\S+)");

	private static final Pattern TOKEN_ENDPOINT = Pattern.compile("tokens at (\\S+)");

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private final List<String> output = new CopyOnWriteArrayList<>();

	private Process run;

	@AfterEach
	void stop() {
		if (this.run != null && this.run.isAlive()) {
			this.run.descendants().forEach(ProcessHandle::destroyForcibly);
			this.run.destroyForcibly();
		}
	}

	/** The ports a run listens on, each free. */
	private record Ports(int api, int worker, int redis, int sqs, int dynamo, int issuer, int apiManagement,
			int workerManagement) {

		static Ports free() {
			return new Ports(FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find(), FreePort.find(),
					FreePort.find(), FreePort.find(), FreePort.find());
		}

		List<Integer> all() {
			return List.of(this.api, this.worker, this.redis, this.sqs, this.dynamo, this.issuer, this.apiManagement,
					this.workerManagement);
		}

	}

	/**
	 * Starts {@code ./velocity run} with the jars this build made, and waits until it
	 * says it is ready.
	 */
	private void launch(Path projectDir, Ports ports, Path dataDir, Map<String, String> extraEnv) throws IOException {
		// Started the hard way, as a shell starts a background job: with SIGINT ignored,
		// which a JVM inherits (and then ignores Ctrl-C) unless ./velocity resets it.
		ProcessBuilder builder = new ProcessBuilder("bash", "-c", "trap '' INT; exec \"$0\" run",
				projectDir.resolve("velocity").toString())
			.directory(projectDir.toFile())
			.redirectErrorStream(true);
		builder.environment().remove("VELOCITY_ADMIN_SECRET");
		builder.environment().put("VELOCITY_ISSUER_PORT", String.valueOf(ports.issuer()));
		builder.environment().put("VELOCITY_API_MANAGEMENT_PORT", String.valueOf(ports.apiManagement()));
		builder.environment().put("VELOCITY_WORKER_MANAGEMENT_PORT", String.valueOf(ports.workerManagement()));
		builder.environment().put("VELOCITY_SKIP_BUILD", "1");
		builder.environment().put("VELOCITY_API_PORT", String.valueOf(ports.api()));
		builder.environment().put("VELOCITY_WORKER_PORT", String.valueOf(ports.worker()));
		builder.environment().put("VELOCITY_REDIS_PORT", String.valueOf(ports.redis()));
		builder.environment().put("VELOCITY_SQS_PORT", String.valueOf(ports.sqs()));
		builder.environment().put("VELOCITY_DYNAMODB_PORT", String.valueOf(ports.dynamo()));
		builder.environment().put("VELOCITY_DATA_DIR", dataDir.toString());
		builder.environment().putAll(extraEnv);
		this.run = builder.start();
		Thread reader = new Thread(this::collectOutput, "run-output");
		reader.setDaemon(true);
		reader.start();

		await().atMost(Duration.ofMinutes(3))
			.pollInterval(Duration.ofMillis(500))
			.failFast("the run command exited", () -> !this.run.isAlive())
			.until(() -> this.output.stream().anyMatch((line) -> line.contains("Velocity is ready")));
	}

	/** Ctrl-C: everything stops and every port is free again. */
	private void interruptAndAwaitFreePorts(List<Integer> ports) throws Exception {
		new ProcessBuilder("kill", "-INT", String.valueOf(this.run.pid())).start().waitFor();
		assertThat(this.run.waitFor(90, TimeUnit.SECONDS)).as("stopped after Ctrl-C").isTrue();
		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(ports).noneMatch(FreePort::isListening));
		assertThat(this.output).anyMatch((line) -> line.contains("velocity: stopped."));
	}

	@Test
	void runsTheWholeSystemAndTakesAPurchaseEndToEnd() throws Exception {
		Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();
		Path dataDir = Files.createTempDirectory("velocity-run");
		Ports ports = Ports.free();
		int apiPort = ports.api();
		int issuerPort = ports.issuer();
		launch(projectDir, ports, dataDir, Map.of());
		assertThat(this.output).anyMatch((line) -> line.contains("redis://127.0.0.1:" + ports.redis()))
			.anyMatch((line) -> line.contains("http://127.0.0.1:" + ports.sqs()))
			.anyMatch((line) -> line.contains("http://127.0.0.1:" + ports.dynamo()))
			.anyMatch((line) -> line.contains("http://localhost:" + apiPort));
		String secret = printed(SECRET);
		String tokenEndpoint = printed(TOKEN_ENDPOINT);
		assertThat(tokenEndpoint).isEqualTo("http://127.0.0.1:" + issuerPort + "/token");

		HttpClient http = HttpClient.newHttpClient();
		// As the README's quick start does with curl: an admin token, then a shopper's.
		String token = token(http, tokenEndpoint,
				"grant_type=client_credentials&client_id=velocity-admin&client_secret=" + secret);
		String shopper = token(http, tokenEndpoint, "grant_type=password&username=smoker");
		String api = "http://localhost:" + apiPort;
		HttpResponse<String> sale = http.send(HttpRequest.newBuilder(URI.create(api + "/admin/sales/smoke"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Smoke\",\"stock\":3,\"perUserLimit\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(sale.statusCode()).isEqualTo(201);

		HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(api + "/buy"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"smoke\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> bought = http.send(HttpRequest.newBuilder(URI.create(api + "/buy"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + shopper)
			.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"smoke\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(bought.statusCode()).isEqualTo(200);
		assertThat(bought.body()).contains("\"remaining\":2");
		String orderId = bought.body().replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1");

		HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create(api + "/orders/" + orderId))
			.header("Authorization", "Bearer " + shopper)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(order.statusCode()).isEqualTo(200);
		assertThat(order.body()).contains("\"orderId\":\"" + orderId + "\"");
		// The worker of the run command stores it.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(http
				.send(HttpRequest.newBuilder(URI.create(api + "/orders/" + orderId))
					.header("Authorization", "Bearer " + shopper)
					.build(), HttpResponse.BodyHandlers.ofString())
				.body()).contains("\"status\":\"CONFIRMED\""));

		// The README's quick start, run as it is written (its ports and the secret are
		// this
		// run's).
		String quickStart = readmeBlock(projectDir, "SECRET=").replace("localhost:9400", "127.0.0.1:" + issuerPort)
			.replace("localhost:8080", "localhost:" + apiPort)
			.replaceFirst("(?m)^SECRET=.*$", "SECRET='" + secret + "'");
		Process readme = new ProcessBuilder("bash", "-euo", "pipefail", "-c", quickStart).redirectErrorStream(true)
			.start();
		String readmeOutput = new String(readme.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(readme.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(readme.exitValue()).as(readmeOutput).isZero();
		assertThat(readmeOutput).contains("\"saleId\":\"drop-1\"", "\"perUserLimit\":2", "\"orderId\":\"drop-1.")
			.containsPattern("\"status\":\"(ACCEPTED|CONFIRMED)\"");

		interruptAndAwaitFreePorts(ports.all());
		assertThat(new File(dataDir.toFile(), "redis").isDirectory()).isTrue();
	}

	@Test
	void runsOnARedisClusterWhenAskedTo() throws Exception {
		Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();
		Ports ports = Ports.free();
		launch(projectDir, ports, Files.createTempDirectory("velocity-run"), Map.of("VELOCITY_REDIS_CLUSTER", "3"));
		Matcher nodes = Pattern.compile("a Redis Cluster of 3 masters and 3 replicas: (\\S+)")
			.matcher(String.join("\n", this.output));
		assertThat(nodes.find()).as("the run names its cluster's nodes").isTrue();
		List<Integer> clusterPorts = Stream.of(nodes.group(1).split(","))
			.map((address) -> Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))
			.toList();
		assertThat(clusterPorts).hasSize(6).allSatisfy((port) -> assertThat(FreePort.isListening(port)).isTrue());
		assertThat(FreePort.isListening(ports.redis())).as("no single Redis beside it").isFalse();

		HttpClient http = HttpClient.newHttpClient();
		String tokenEndpoint = printed(TOKEN_ENDPOINT);
		String admin = token(http, tokenEndpoint,
				"grant_type=client_credentials&client_id=velocity-admin&client_secret=" + printed(SECRET));
		String shopper = token(http, tokenEndpoint, "grant_type=password&username=clustered");
		String api = "http://localhost:" + ports.api();
		// Sales on every shard sell.
		for (int i = 0; i < 6; i++) {
			HttpResponse<String> sale = http.send(HttpRequest.newBuilder(URI.create(api + "/admin/sales/cluster-" + i))
				.header("Authorization", "Bearer " + admin)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Cluster\",\"stock\":3}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(sale.statusCode()).isEqualTo(201);
			HttpResponse<String> bought = http.send(HttpRequest.newBuilder(URI.create(api + "/buy"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + shopper)
				.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"cluster-" + i + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(bought.statusCode()).as(bought.body()).isEqualTo(200);
			assertThat(bought.body()).contains("\"remaining\":2");
		}

		List<Integer> all = new java.util.ArrayList<>(ports.all());
		all.remove(Integer.valueOf(ports.redis()));
		all.addAll(clusterPorts);
		interruptAndAwaitFreePorts(all);
	}

	/** The README's {@code bash} code block that contains {@code marker}. */
	private static String readmeBlock(Path projectDir, String marker) throws IOException {
		Matcher blocks = Pattern.compile("(?ms)^```bash\\n(.*?)^```")
			.matcher(Files.readString(projectDir.resolve("README.md")));
		while (blocks.find()) {
			if (blocks.group(1).contains(marker)) {
				return blocks.group(1);
			}
		}
		throw new IllegalStateException("No bash block with " + marker + " in the README");
	}

	private void collectOutput() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.run.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = lines.readLine()) != null) {
				this.output.add(line);
				System.out.println("[run] " + line);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	private String printed(Pattern pattern) {
		return this.output.stream()
			.map(pattern::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.findFirst()
			.orElseThrow();
	}

	private static String token(HttpClient http, String endpoint, String form) throws Exception {
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		Matcher matcher = ACCESS_TOKEN.matcher(answer.body());
		assertThat(matcher.find()).isTrue();
		return matcher.group(1);
	}

}
