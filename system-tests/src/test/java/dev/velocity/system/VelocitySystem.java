package dev.velocity.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.velocity.localservers.FreePort;
import dev.velocity.localservers.LocalAws;
import dev.velocity.localservers.ServiceProcess;
import dev.velocity.testsupport.SharedServers;
import dev.velocity.orders.OrderItems;
import dev.velocity.orders.OrderTableReads;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ApiClient.Answer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both services as processes (their real jars) on the shared real servers, with a queue
 * and table of their own, and a plain HTTP client to drive them.
 */
final class VelocitySystem implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	final LocalAws.Names names;

	final SqsClient sqs;

	final DynamoDbClient dynamo;

	final String queueUrl;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<ServiceProcess> services = new ArrayList<>();

	private String apiBase;

	private final int redisPort;

	private final java.net.URI sqsEndpoint;

	private final java.net.URI dynamoEndpoint;

	VelocitySystem() {
		this(SharedServers.redis().port(), SharedServers.elasticMq().endpoint(), SharedServers.dynalite().endpoint());
	}

	/** On servers of the test's own (which it may stop, freeze or restart). */
	VelocitySystem(int redisPort, java.net.URI sqsEndpoint, java.net.URI dynamoEndpoint) {
		LocalAws.useLocalCredentials();
		this.redisPort = redisPort;
		this.sqsEndpoint = sqsEndpoint;
		this.dynamoEndpoint = dynamoEndpoint;
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.names = new LocalAws.Names("system-" + suffix, "system-" + suffix + "-dlq", "system-" + suffix, 5,
				Duration.ofSeconds(30));
		this.sqs = LocalAws.sqs(sqsEndpoint);
		this.dynamo = LocalAws.dynamoDb(dynamoEndpoint);
		this.queueUrl = LocalAws.createQueues(this.sqs, this.names);
		LocalAws.createOrdersTable(this.dynamo, this.names);
	}

	private Map<String, String> env() {
		return Map.of("SPRING_PROFILES_ACTIVE", "local", "VELOCITY_REDIS_PORT", String.valueOf(this.redisPort),
				"VELOCITY_SQS_ENDPOINT", this.sqsEndpoint.toString(), "VELOCITY_DYNAMODB_ENDPOINT",
				this.dynamoEndpoint.toString(), "VELOCITY_ISSUER", SharedServers.issuer().issuer().toString(),
				"VELOCITY_HTTP_TRUSTEDPROXIES", "127.0.0.1/32", "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "local",
				"AWS_SECRET_ACCESS_KEY", "local", "VELOCITY_WARMUP_DURATION", "0s");
	}

	ServiceProcess startApi() {
		ServiceProcess api = launchApi(FreePort.find(), List.of(), Map.of());
		api.awaitReady(Duration.ofMinutes(2));
		return api;
	}

	/**
	 * Starts an API process without waiting for it.
	 * @param port its port
	 * @param extraArgs more arguments
	 * @param extraEnv more environment
	 * @return the process
	 */
	ServiceProcess launchApi(int port, List<String> extraArgs, Map<String, String> extraEnv) {
		return launchApi(ServiceClasspaths.jar("api-service"), port, extraArgs, extraEnv);
	}

	/**
	 * Starts an API process from a jar of the caller's without waiting for it.
	 * @param jar the jar to run
	 * @param port its port
	 * @param extraArgs more arguments
	 * @param extraEnv more environment
	 * @return the process
	 */
	ServiceProcess launchApi(Path jar, int port, List<String> extraArgs, Map<String, String> extraEnv) {
		List<String> args = new ArrayList<>(List.of("--velocity.sqs.orders-queue=" + this.names.ordersQueue(),
				"--velocity.sqs.dead-letter-queue=" + this.names.deadLetterQueue(),
				"--velocity.dynamodb.orders-table=" + this.names.ordersTable()));
		args.addAll(extraArgs);
		Map<String, String> env = new java.util.HashMap<>(env());
		env.putAll(extraEnv);
		ServiceProcess api = ServiceProcess.start("api", jar, port, env, args,
				(line) -> System.out.println("[api:" + port + "] " + line));
		this.services.add(api);
		this.apiBase = "http://127.0.0.1:" + port;
		return api;
	}

	String apiBase() {
		return this.apiBase;
	}

	ServiceProcess startWorker() {
		ServiceProcess worker = launchWorker(List.of());
		worker.awaitReady(Duration.ofMinutes(2));
		return worker;
	}

	ServiceProcess launchWorker(List<String> extraArgs) {
		return launchWorker(ServiceClasspaths.jar("order-worker"), extraArgs);
	}

	/**
	 * Starts a worker process from a jar of the caller's without waiting for it.
	 * @param jar the jar to run
	 * @param extraArgs more arguments
	 * @return the process
	 */
	ServiceProcess launchWorker(Path jar, List<String> extraArgs) {
		List<String> args = new ArrayList<>(List.of("--velocity.worker.queue.orders-queue=" + this.names.ordersQueue(),
				"--velocity.worker.queue.dead-letter-queue=" + this.names.deadLetterQueue(),
				"--velocity.worker.dynamodb.orders-table=" + this.names.ordersTable()));
		args.addAll(extraArgs);
		ServiceProcess worker = ServiceProcess.start("worker", jar, FreePort.find(), env(), args,
				(line) -> System.out.println("[worker] " + line));
		this.services.add(worker);
		return worker;
	}

	void useApi(ServiceProcess api) {
		this.apiBase = "http://127.0.0.1:" + api.port();
	}

	String base(ServiceProcess api) {
		return "http://127.0.0.1:" + api.port();
	}

	Answer putSaleVia(String base, String saleId, long stock, Long perUserLimit) {
		String previous = this.apiBase;
		this.apiBase = base;
		try {
			return putSale(saleId, stock, perUserLimit);
		}
		finally {
			this.apiBase = previous;
		}
	}

	Answer putSale(String saleId, long stock, Long perUserLimit) {
		String body = "{\"name\":\"System sale\",\"stock\":" + stock
				+ ((perUserLimit != null) ? ",\"perUserLimit\":" + perUserLimit : "") + "}";
		return api().send(ApiClient.admin(api().request("/admin/sales/" + saleId))
			.PUT(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	Answer getSale(String saleId) {
		return api().getSale(saleId);
	}

	/** An order, as an admin sees it. */
	Answer getOrder(String orderId) {
		return api().getOrder(orderId);
	}

	/** The shared API test client, on the API in use. */
	ApiClient api() {
		return new ApiClient(this.apiBase);
	}

	/**
	 * Buys once for each of {@code users} distinct shoppers, {@code inFlight} shoppers at
	 * a time, each as a careful client does: with an {@code Idempotency-Key} of its own,
	 * and a 503 or a lost connection (the answer, if any, never came) retried with that
	 * key after a pause, so that a purchase that went through before the failure is
	 * answered with its order rather than placed twice.
	 * @return every shopper's last answer
	 */
	List<Answer> storm(String saleId, int users, int inFlight) {
		Semaphore permits = new Semaphore(inFlight);
		List<CompletableFuture<Answer>> answers = new ArrayList<>();
		for (int i = 0; i < users; i++) {
			permits.acquireUninterruptibly();
			String shopper = "shopper-" + i;
			String body = "{\"saleId\":\"" + saleId + "\",\"quantity\":1}";
			answers
				.add(buy(shopper, body, saleId + "-" + shopper, 1).whenComplete((answer, error) -> permits.release()));
		}
		return answers.stream().map(CompletableFuture::join).toList();
	}

	/** Tries per shopper, the first included: about 10 s of 503s at most. */
	private static final int BUY_ATTEMPTS = 20;

	private static final long RETRY_PAUSE_MILLIS = 500;

	private CompletableFuture<Answer> buy(String shopper, String body, String idempotencyKey, int attempt) {
		HttpRequest request = ApiClient.as(shopper, api().request("/buy"))
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
			boolean retry = (error != null || response.statusCode() == 503) && attempt < BUY_ATTEMPTS;
			if (retry) {
				Executor later = CompletableFuture.delayedExecutor(RETRY_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
				return CompletableFuture.supplyAsync(() -> buy(shopper, body, idempotencyKey, attempt + 1), later)
					.thenCompose(Function.identity());
			}
			return (error != null) ? CompletableFuture.<Answer>failedFuture(error)
					: CompletableFuture.completedFuture(ApiClient.answer(response));
		}).thenCompose(Function.identity());
	}

	/**
	 * The order items of the orders the sale's pages list (each id once), read by key: an
	 * order listed but not stored is missing from the answer.
	 */
	List<Map<String, AttributeValue>> storedOrders(String saleId) {
		Set<String> listed = new LinkedHashSet<>();
		OrderTableReads.pages(this.dynamo, this.names.ordersTable(), saleId, json)
			.forEach((page) -> page.forEach((order) -> listed.add(order.orderId())));
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		OrderTableReads.getAll(this.dynamo, this.names.ordersTable(), listed.stream().map(OrderItems::key).toList(),
				null, items::add);
		return items;
	}

	/** Messages on the orders queue, visible or in flight. */
	long queueDepth() {
		return LocalAws.queueDepth(this.sqs, this.queueUrl);
	}

	@Override
	public void close() {
		this.services.stream().filter(ServiceProcess::isAlive).forEach(ServiceProcess::requestStop);
		this.services.forEach((service) -> service.stop(Duration.ofSeconds(40)));
		this.sqs.close();
		this.dynamo.close();
	}

}
