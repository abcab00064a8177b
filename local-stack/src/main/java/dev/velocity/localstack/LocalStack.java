package dev.velocity.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The run command: Redis (AOF), ElasticMQ and dynalite on loopback, the queue and table
 * they need, then the API service and the order worker as child processes. Ctrl-C stops
 * everything, services first so that they finish their in-flight work.
 *
 * <p>
 * Settings come from the environment: {@code VELOCITY_API_PORT} (8080),
 * {@code VELOCITY_WORKER_PORT} (8081), {@code VELOCITY_REDIS_PORT} (6390),
 * {@code VELOCITY_SQS_PORT} (9324), {@code VELOCITY_DYNAMODB_PORT} (4567),
 * {@code VELOCITY_DATA_DIR} (.velocity), {@code VELOCITY_ADMIN_TOKEN} (random when
 * unset), {@code VELOCITY_API_JAR} and {@code VELOCITY_WORKER_JAR} (the module builds).
 */
public final class LocalStack {

	private final Map<String, String> env;

	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<Service> services = new ArrayList<>();

	private LocalStack(Map<String, String> env) {
		this.env = env;
	}

	public static void main(String[] args) throws Exception {
		// The servers' own chatter (Pekko, the AWS SDK) would drown the services' logs.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		LocalStack stack = new LocalStack(System.getenv());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.stop();
			stopped.countDown();
		}, "velocity-local-stack-stop"));
		try {
			stack.start();
		}
		catch (RuntimeException ex) {
			System.err.println("velocity: could not start: " + ex.getMessage());
			System.exit(1);
		}
		stack.awaitServices();
		stopped.await();
	}

	private int port(String name, int fallback) {
		String value = this.env.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

	private String setting(String name, String fallback) {
		String value = this.env.get(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	void start() throws IOException {
		Path dataDir = Path.of(setting("VELOCITY_DATA_DIR", ".velocity")).toAbsolutePath();
		Files.createDirectories(dataDir);
		String adminToken = setting("VELOCITY_ADMIN_TOKEN", randomToken());
		LocalAws.Names names = LocalAws.Names.defaults();

		RedisServer redis = new RedisServer(port("VELOCITY_REDIS_PORT", 6390), dataDir.resolve("redis"), true);
		redis.start();
		this.started.add(redis);
		log("redis      redis://127.0.0.1:" + redis.port() + "  (" + redis.executable() + ", AOF everysec)");

		ElasticMq sqs = new ElasticMq(port("VELOCITY_SQS_PORT", 9324)).start();
		this.started.add(sqs);
		log("sqs        " + sqs.endpoint() + "  (ElasticMQ, in-process)");

		Dynalite dynamo = new Dynalite(port("VELOCITY_DYNAMODB_PORT", 4567), dataDir.resolve("logs"),
				dataDir.resolve("dynalite"));
		dynamo.start();
		this.started.add(dynamo);
		log("dynamodb   " + dynamo.endpoint() + "  (dynalite, data in " + dataDir.resolve("dynalite") + ")");

		try (SqsClient sqsClient = LocalAws.sqs(sqs.endpoint());
				DynamoDbClient dynamoClient = LocalAws.dynamoDb(dynamo.endpoint())) {
			String queueUrl = LocalAws.createQueues(sqsClient, names);
			LocalAws.createOrdersTable(dynamoClient, names);
			log("queue      " + queueUrl + "  (DLQ " + names.deadLetterQueue() + ", maxReceiveCount "
					+ names.maxReceiveCount() + ")");
			log("table      " + names.ordersTable());
		}

		Map<String, String> serviceEnv = new LinkedHashMap<>();
		serviceEnv.put("SPRING_PROFILES_ACTIVE", "local");
		serviceEnv.put("VELOCITY_REDIS_PORT", String.valueOf(redis.port()));
		serviceEnv.put("VELOCITY_SQS_ENDPOINT", sqs.endpoint().toString());
		serviceEnv.put("VELOCITY_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
		serviceEnv.put("VELOCITY_ADMIN_TOKEN", adminToken);
		serviceEnv.put("AWS_REGION", "us-east-1");
		serviceEnv.put("AWS_ACCESS_KEY_ID", "local");
		serviceEnv.put("AWS_SECRET_ACCESS_KEY", "local");

		int apiPort = port("VELOCITY_API_PORT", 8080);
		int workerPort = port("VELOCITY_WORKER_PORT", 8081);
		Service api = startService("api", setting("VELOCITY_API_JAR", "api-service/target/api-service.jar"), apiPort,
				serviceEnv);
		Service worker = startService("worker", setting("VELOCITY_WORKER_JAR", "order-worker/target/order-worker.jar"),
				workerPort, serviceEnv);
		api.awaitReady();
		worker.awaitReady();
		log("api        http://localhost:" + apiPort + "  (web page, POST /buy, /admin, /actuator)");
		log("worker     http://localhost:" + workerPort + "/actuator/health");
		log("admin token " + adminToken);
		log("Velocity is ready. Ctrl-C stops everything.");
	}

	private Service startService(String name, String jar, int port, Map<String, String> serviceEnv) {
		Path jarPath = Path.of(jar).toAbsolutePath();
		if (!Files.isRegularFile(jarPath)) {
			throw new IllegalStateException(jarPath + " is missing: build with ./mvnw -DskipTests package");
		}
		if (FreePort.isListening(port)) {
			throw new IllegalStateException(name + ": port " + port + " is already in use");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		if (Runtime.version().feature() >= 22) {
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		command.addAll(List.of("-jar", jarPath.toString(), "--server.port=" + port));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(serviceEnv);
		try {
			Service service = new Service(name, port, builder.start());
			this.services.add(service);
			return service;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(name + " could not start", ex);
		}
	}

	void awaitServices() throws InterruptedException {
		for (Service service : this.services) {
			service.process.waitFor();
		}
	}

	synchronized void stop() {
		for (Service service : this.services) {
			service.process.destroy();
		}
		for (Service service : this.services) {
			try {
				if (!service.process.waitFor(30, TimeUnit.SECONDS)) {
					service.process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.services.clear();
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				System.err.println("velocity: stopping " + this.started.get(i) + " failed: " + ex);
			}
		}
		this.started.clear();
		log("stopped.");
	}

	private static String randomToken() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	private static void log(String line) {
		System.out.println("velocity: " + line);
		System.out.flush();
	}

	/** A service child process whose output is echoed with its name in front. */
	private static final class Service {

		private final String name;

		private final int port;

		private final Process process;

		Service(String name, int port, Process process) {
			this.name = name;
			this.port = port;
			this.process = process;
			Thread echo = new Thread(this::echo, "velocity-echo-" + name);
			echo.setDaemon(true);
			echo.start();
		}

		private void echo() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					System.out.println("[" + this.name + "] " + line);
				}
			}
			catch (IOException ex) {
				// The process ended.
			}
		}

		void awaitReady() {
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
			HttpRequest request = HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(2))
				.build();
			long deadline = System.currentTimeMillis() + 120_000;
			while (System.currentTimeMillis() < deadline) {
				if (!this.process.isAlive()) {
					throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue());
				}
				try {
					if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
						return;
					}
				}
				catch (IOException ex) {
					// Not listening yet.
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				FreePort.pause(250);
			}
			throw new IllegalStateException(this.name + " was not ready within 120 s");
		}

	}

}
