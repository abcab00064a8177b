package dev.velocity.launcher;

import java.io.IOException;
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

import dev.velocity.localservers.Dynalite;
import dev.velocity.localservers.ElasticMq;
import dev.velocity.localservers.LocalAws;
import dev.velocity.localservers.LocalIssuer;
import dev.velocity.localservers.RedisCluster;
import dev.velocity.localservers.RedisServer;
import dev.velocity.localservers.ServiceProcess;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The run command: Redis (AOF), ElasticMQ, dynalite and a token issuer on loopback, the
 * queue and table they need, then the API service and the order worker as child
 * processes. Ctrl-C stops everything, services first so that they finish their in-flight
 * work.
 *
 * <p>
 * Settings come from the environment: {@code VELOCITY_API_PORT} (8080),
 * {@code VELOCITY_WORKER_PORT} (8081), {@code VELOCITY_REDIS_PORT} (6390),
 * {@code VELOCITY_SQS_PORT} (9324), {@code VELOCITY_DYNAMODB_PORT} (4567),
 * {@code VELOCITY_API_MANAGEMENT_PORT} (8090), {@code VELOCITY_WORKER_MANAGEMENT_PORT}
 * (8091), {@code VELOCITY_ISSUER_PORT} (9400), {@code VELOCITY_DATA_DIR} (.velocity),
 * {@code VELOCITY_ADMIN_SECRET} (the issuer's admin client secret, random when unset),
 * {@code VELOCITY_API_JAR} and {@code VELOCITY_WORKER_JAR} (the module builds), and
 * {@code VELOCITY_REDIS_CLUSTER} (0: one Redis; N >= 3: a Redis Cluster of N masters and
 * N replicas on free ports, new each run, instead).
 */
public final class RunCommand {

	private final Map<String, String> env;

	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<ServiceProcess> services = new ArrayList<>();

	private RunCommand(Map<String, String> env) {
		this.env = env;
	}

	public static void main(String[] args) throws Exception {
		// The servers' own chatter (Pekko, the AWS SDK) would drown the services' logs.
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		RunCommand stack = new RunCommand(System.getenv());
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			stack.stop();
			stopped.countDown();
		}, "velocity-run-stop"));
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
		return number(name, fallback);
	}

	private int number(String name, int fallback) {
		String value = this.env.get(name);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			return Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " must be a whole number, not '" + value.trim() + "'");
		}
	}

	private String setting(String name, String fallback) {
		String value = this.env.get(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

	void start() throws IOException {
		Path dataDir = Path.of(setting("VELOCITY_DATA_DIR", ".velocity")).toAbsolutePath();
		Files.createDirectories(dataDir);
		String adminSecret = setting("VELOCITY_ADMIN_SECRET", randomToken());
		LocalAws.Names names = LocalAws.Names.defaults();

		LocalIssuer issuer = LocalIssuer.start(port("VELOCITY_ISSUER_PORT", 9400), adminSecret);
		this.started.add(issuer);
		log("issuer     " + issuer.issuer() + "  (tokens at " + issuer.tokenEndpoint() + "  keys at "
				+ issuer.jwkSetUri() + " )");

		int clusterMasters = number("VELOCITY_REDIS_CLUSTER", 0);
		if (clusterMasters != 0 && clusterMasters < 3) {
			throw new IllegalArgumentException(
					"VELOCITY_REDIS_CLUSTER is 0 (one Redis) or the number of masters, 3 at least: " + clusterMasters);
		}
		RedisServer redis = null;
		RedisCluster cluster = null;
		if (clusterMasters > 0) {
			cluster = RedisCluster.start(clusterMasters);
			this.started.add(cluster);
			log("redis      a Redis Cluster of " + clusterMasters + " masters and " + clusterMasters + " replicas: "
					+ String.join(",", cluster.addresses()) + "  (free ports, a new one each run)");
		}
		else {
			redis = new RedisServer(port("VELOCITY_REDIS_PORT", 6390), dataDir.resolve("redis"), true);
			redis.start();
			this.started.add(redis);
			log("redis      redis://127.0.0.1:" + redis.port() + "  (" + redis.executable() + ", AOF everysec)");
		}

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
		if (cluster != null) {
			serviceEnv.put("SPRING_DATA_REDIS_CLUSTER_NODES", String.join(",", cluster.addresses()));
		}
		else {
			serviceEnv.put("VELOCITY_REDIS_PORT", String.valueOf(redis.port()));
		}
		serviceEnv.put("VELOCITY_SQS_ENDPOINT", sqs.endpoint().toString());
		serviceEnv.put("VELOCITY_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
		serviceEnv.put("VELOCITY_ISSUER", issuer.issuer().toString());
		serviceEnv.put("AWS_REGION", "us-east-1");
		serviceEnv.put("AWS_ACCESS_KEY_ID", "local");
		serviceEnv.put("AWS_SECRET_ACCESS_KEY", "local");

		int apiPort = port("VELOCITY_API_PORT", 8080);
		int workerPort = port("VELOCITY_WORKER_PORT", 8081);
		int apiManagementPort = port("VELOCITY_API_MANAGEMENT_PORT", 8090);
		int workerManagementPort = port("VELOCITY_WORKER_MANAGEMENT_PORT", 8091);
		ServiceProcess api = startService("api", setting("VELOCITY_API_JAR", "api-service/target/api-service.jar"),
				apiPort, apiManagementPort, serviceEnv);
		ServiceProcess worker = startService("worker",
				setting("VELOCITY_WORKER_JAR", "order-worker/target/order-worker.jar"), workerPort,
				workerManagementPort, serviceEnv);
		api.awaitReady(Duration.ofMinutes(2));
		worker.awaitReady(Duration.ofMinutes(2));
		log("api        http://localhost:" + apiPort + "  (web page, POST /buy, /admin; actuator on :"
				+ apiManagementPort + ")");
		log("worker     actuator http://localhost:" + workerManagementPort + "/actuator/health");
		log("admin secret " + adminSecret + "  (client " + LocalIssuer.ADMIN_CLIENT + " at the issuer)");
		log("Velocity is ready. Ctrl-C stops everything.");
	}

	private ServiceProcess startService(String name, String jar, int port, int managementPort,
			Map<String, String> serviceEnv) {
		ServiceProcess service = ServiceProcess.start(name, Path.of(jar), port, managementPort, serviceEnv, List.of(),
				(line) -> System.out.println("[" + name + "] " + line));
		this.services.add(service);
		return service;
	}

	void awaitServices() throws InterruptedException {
		while (this.services.stream().anyMatch(ServiceProcess::isAlive)) {
			Thread.sleep(500);
		}
	}

	synchronized void stop() {
		// Both at once, so they drain their in-flight work side by side.
		this.services.forEach(ServiceProcess::requestStop);
		this.services.forEach((service) -> service.awaitExit(Duration.ofSeconds(40)));
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

}
