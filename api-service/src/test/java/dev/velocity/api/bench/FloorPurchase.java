package dev.velocity.api.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.velocity.api.order.OrderPublisher;
import dev.velocity.api.order.sqs.GroupCommit;
import dev.velocity.api.purchase.web.PurchaseAccepted;
import dev.velocity.api.redis.ScriptReplies;
import dev.velocity.api.redis.StoredOrder;
import dev.velocity.api.web.Ids;
import dev.velocity.aws.AwsClients;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.redis.SaleKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * A floor for an accepted purchase, to bound what any build of {@code POST /buy} could
 * reach on this machine: the same Tomcat on virtual threads as the API and
 * {@link BareEndpoint}, and one asynchronous servlet that does only the purchase's I/O,
 * each step as cheaply as it can be done. It takes the shopper from a token's payload,
 * cached per token and never verified; reads the body with Jackson; runs the API's
 * {@code purchase.lua} (one EVALSHA, with the API's keys and arguments) on Lettuce's
 * asynchronous API; sends the order with the API's own group commit to SQS; and writes
 * the answer on the thread that completed it, Lettuce's or the SDK's event loop, which
 * the API must not do (a shopper who does not read could stall it). Every 50 ms one ZREM
 * per sale takes the acknowledged orders out of the outbox, as the API's hand-off does.
 *
 * <p>
 * Not a service: no security, no body limits, no settings, no metrics, no timeouts but
 * Tomcat's. Run by {@code loadtest/ab.sh} as its B ({@code B_MAIN}) beside a stack:
 * {@code FloorPurchase --server.port=N}, with {@code VELOCITY_REDIS_PORT} and
 * {@code VELOCITY_SQS_ENDPOINT} (and the SDK's region and credentials) from the
 * environment; stops on SIGTERM.
 */
public final class FloorPurchase implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final byte[] SOLD_OUT = "{\"type\":\"https://velocity.dev/problems/sold-out\",\"status\":409}"
		.getBytes(StandardCharsets.UTF_8);

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisAsyncCommands<String, String> redis;

	private final String sha;

	private final SqsAsyncClient sqs;

	private final OrderPublisher publisher;

	private final ScheduledExecutorService acks = Executors.newSingleThreadScheduledExecutor();

	private final Map<String, String> shoppers = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<OrderPlaced> acknowledged = new ConcurrentLinkedQueue<>();

	private final WebServer server;

	private FloorPurchase(int port, RedisURI redisUri, URI sqsEndpoint, String queueName) throws IOException {
		this.client = RedisClient.create(redisUri);
		this.connection = this.client.connect();
		this.redis = this.connection.async();
		try (InputStream in = FloorPurchase.class.getClassLoader().getResourceAsStream("velocity/redis/purchase.lua")) {
			this.sha = this.connection.sync().scriptLoad(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		this.sqs = AwsClients.sqs(sqsEndpoint, 100, Duration.ofSeconds(5), Runnable::run);
		this.publisher = GroupCommit.publisher(this.sqs, queueName, JSON);
		this.acks.scheduleWithFixedDelay(this::flushAcknowledgements, 50, 50, TimeUnit.MILLISECONDS);
		TomcatServletWebServerFactory factory = ApiTomcat.factory(port);
		this.server = factory.getWebServer((context) -> {
			var servlet = context.addServlet("buy", new HttpServlet() {

				@Override
				protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
					buy(request);
				}

			});
			servlet.addMapping("/buy");
			servlet.setAsyncSupported(true);
		});
		this.server.start();
	}

	/**
	 * Starts a floor.
	 * @param port its port (0: any free one)
	 * @param redisUri the stack's Redis
	 * @param sqsEndpoint the stack's queue service
	 * @param queueName the orders' queue
	 * @return the floor, answering
	 * @throws IOException when {@code purchase.lua} cannot be read
	 */
	public static FloorPurchase start(int port, RedisURI redisUri, URI sqsEndpoint, String queueName)
			throws IOException {
		return new FloorPurchase(port, redisUri, sqsEndpoint, queueName);
	}

	public static void main(String[] args) throws IOException {
		int port = 8080;
		for (String arg : args) {
			if (arg.startsWith("--server.port=")) {
				port = Integer.parseInt(arg.substring("--server.port=".length()));
			}
		}
		FloorPurchase floor = start(port,
				RedisURI.create("127.0.0.1", Integer.parseInt(System.getenv("VELOCITY_REDIS_PORT"))),
				URI.create(System.getenv("VELOCITY_SQS_ENDPOINT")), "velocity-orders");
		Runtime.getRuntime().addShutdownHook(new Thread(floor::close, "floor-stop"));
		System.out.println("floor purchase on " + floor.port());
	}

	/**
	 * Its port.
	 * @return the port it answers on
	 */
	public int port() {
		return this.server.getPort();
	}

	private void buy(HttpServletRequest request) throws IOException {
		JsonNode body = JSON.readTree(request.getInputStream().readAllBytes());
		String saleId = body.get("saleId").asString();
		int quantity = body.get("quantity").asInt();
		String userId = shopper(request.getHeader("Authorization"));
		String address = request.getHeader("X-Forwarded-For");
		String orderId = Ids.orderId(saleId, UUID.randomUUID().toString());
		// The API's grace, and the rate limits ab.sh gives the API (100,000 a second, a
		// burst of as many), so that Redis does the same work for both.
		String[] arguments = { saleId, userId, String.valueOf(quantity), orderId, "", "10000", "0.01", "100000", "0.01",
				"100000", "0" };
		AsyncContext async = request.startAsync();
		this.redis
			.evalsha(this.sha, ScriptOutputType.MULTI,
					SaleKeys.of(saleId).forPurchase(userId, address).toArray(String[]::new), arguments)
			.whenComplete((reply, error) -> {
				if (error != null) {
					answer(async, 503, new byte[0]);
					return;
				}
				List<?> list = (List<?>) reply;
				if (!"RESERVED".equals(ScriptReplies.text(list, 0))) {
					answer(async, 409, SOLD_OUT);
					return;
				}
				OrderPlaced order = JSON.readValue(ScriptReplies.text(list, 4), StoredOrder.class)
					.toOrderPlaced(ScriptReplies.text(list, 1));
				long remaining = ScriptReplies.number(list, 2);
				this.publisher.publish(order, true).whenComplete((ignored, failure) -> {
					if (failure == null) {
						this.acknowledged.add(order);
					}
					answer(async, 200, JSON
						.writeValueAsBytes(new PurchaseAccepted(orderId, saleId, userId, order.quantity(), remaining)));
				});
			});
	}

	/** A token's subject, read once per token and never verified. */
	private String shopper(String authorization) {
		String subject = this.shoppers.get(authorization);
		if (subject == null) {
			if (this.shoppers.size() > 100_000) {
				this.shoppers.clear();
			}
			String payload = authorization.substring("Bearer ".length()).split("\\.")[1];
			subject = JSON.readTree(Base64.getUrlDecoder().decode(payload)).get("sub").asString();
			this.shoppers.put(authorization, subject);
		}
		return subject;
	}

	private static void answer(AsyncContext async, int status, byte[] body) {
		try {
			HttpServletResponse response = (HttpServletResponse) async.getResponse();
			response.setStatus(status);
			response.setContentType((status == 200) ? "application/json" : "application/problem+json");
			response.setContentLength(body.length);
			response.getOutputStream().write(body);
		}
		catch (IOException ex) {
			// The shopper went away.
		}
		finally {
			async.complete();
		}
	}

	private void flushAcknowledgements() {
		Map<String, List<String>> bySale = new HashMap<>();
		OrderPlaced order;
		while ((order = this.acknowledged.poll()) != null) {
			bySale.computeIfAbsent(order.saleId(), (saleId) -> new ArrayList<>()).add(order.orderId());
		}
		bySale.forEach(
				(saleId, ids) -> this.connection.sync().zrem(SaleKeys.of(saleId).outbox(), ids.toArray(String[]::new)));
	}

	/**
	 * Stops answering, sends what waits, and takes what was acknowledged out of the
	 * outbox.
	 */
	@Override
	public void close() {
		this.server.stop();
		try {
			((AutoCloseable) this.publisher).close();
		}
		catch (Exception ex) {
			// What was not acknowledged stays in the outbox, as in the API.
		}
		this.acks.shutdown();
		flushAcknowledgements();
		this.sqs.close();
		this.client.shutdown();
	}

}
