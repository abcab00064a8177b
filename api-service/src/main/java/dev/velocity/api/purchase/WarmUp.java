package dev.velocity.api.purchase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the hot paths before the instance reports ready (Spring Boot reports readiness
 * once the runners are done), so that an instance autoscaling adds in the middle of a
 * storm takes its share compiled rather than interpreted:
 * <ul>
 * <li>first one purchase call on a platform thread, against a sale that cannot exist:
 * class loading pins virtual threads to their carriers (one per core), so a burst of
 * first requests loading the same classes on virtual threads can starve the carriers;
 * <li>then, for {@code velocity.warm-up.duration}, that call again (the purchase script's
 * round trip, which writes nothing for a sale that does not exist), {@code POST /buy}
 * over loopback with a token whose signature is made up (Tomcat, the header checks and
 * the RSA verification of the whole security chain, answered 401) and {@code GET
 * /sales/{id}} of that sale (the dispatcher, a Redis read, a problem answer).
 * </ul>
 * Nothing it does is a purchase: no stock, order or rate-limit bucket is touched.
 */
@Component
class WarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

	/** Sale ids start with a letter or a digit, so no sale has this one. */
	static final String NO_SALE = "_warm-up";

	/** A valid sale id, read over HTTP (which refuses an invalid one before Redis). */
	static final String READ_SALE = "velocity-warm-up";

	private final Inventory inventory;

	private final WarmUpProperties properties;

	private final Environment environment;

	private volatile Result result = new Result(Duration.ZERO, 0, 0, 0);

	WarmUp(Inventory inventory, WarmUpProperties properties, Environment environment) {
		this.inventory = inventory;
		this.properties = properties;
		this.environment = environment;
	}

	/**
	 * What the last warm-up did.
	 *
	 * @param took how long it ran
	 * @param purchaseCalls purchase calls Redis answered
	 * @param refusedTokens {@code POST /buy} requests answered 401
	 * @param saleReads {@code GET /sales/{id}} requests answered
	 */
	record Result(Duration took, long purchaseCalls, long refusedTokens, long saleReads) {

	}

	Result result() {
		return this.result;
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		Counts counts = new Counts();
		if (!reserve(counts)) {
			return;
		}
		Duration duration = this.properties.duration();
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		if (!duration.isNegative() && !duration.isZero()) {
			runFor(started + duration.toNanos(), port, counts);
		}
		this.result = new Result(Duration.ofNanos(System.nanoTime() - started), counts.purchaseCalls.sum(),
				counts.refusedTokens.sum(), counts.saleReads.sum());
		log.info("Warmed up in {} ms: {} purchase calls, {} requests refused for their token, {} sale reads",
				this.result.took().toMillis(), this.result.purchaseCalls(), this.result.refusedTokens(),
				this.result.saleReads());
	}

	private void runFor(long deadline, Integer port, Counts counts) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		String token = madeUpToken();
		ExecutorService workers = Executors.newFixedThreadPool(this.properties.concurrency(), (task) -> {
			Thread thread = new Thread(task, "warm-up");
			thread.setDaemon(true);
			return thread;
		});
		for (int i = 0; i < this.properties.concurrency(); i++) {
			workers.execute(() -> {
				while (System.nanoTime() < deadline && reserve(counts)) {
					if (port != null && !(request(http, buy(port, token), 401, counts.refusedTokens)
							&& request(http, read(port), 404, counts.saleReads))) {
						return;
					}
				}
			});
		}
		workers.shutdown();
		try {
			workers.awaitTermination(Duration.ofNanos(deadline - System.nanoTime()).plusSeconds(5).toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		workers.shutdownNow();
	}

	private boolean reserve(Counts counts) {
		try {
			this.inventory
				.reserve(new PurchaseCommand(NO_SALE, "warm-up", 1, null, "127.0.0.1", false), NO_SALE + ".warm-up")
				.join();
			counts.purchaseCalls.increment();
			return true;
		}
		catch (RuntimeException ex) {
			// Redis may be away at startup: the API starts anyway and answers 503 until
			// it is back.
			log.info("Purchase path warm-up stopped: {}", ex.toString());
			return false;
		}
	}

	private static boolean request(HttpClient http, HttpRequest request, int expected, LongAdder answered) {
		try {
			int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			if (status != expected && !(request.method().equals("GET") && status == 200)) {
				log.info("Warm-up stopped: {} {} answered {}, not {}", request.method(), request.uri().getPath(),
						status, expected);
				return false;
			}
			answered.increment();
			return true;
		}
		catch (java.io.IOException ex) {
			log.info("Warm-up stopped: {}", ex.toString());
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private HttpRequest buy(int port, String token) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/buy"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"saleId\":\"" + NO_SALE + "\",\"quantity\":1}"))
			.build();
	}

	private static HttpRequest read(int port) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sales/" + READ_SALE)).GET().build();
	}

	/**
	 * A token shaped as the issuer's (RS256, the issuer's claims) whose signature is
	 * random bytes of an RSA-2048 signature's length: verifying it costs what verifying a
	 * real one does, and it fails.
	 */
	private String madeUpToken() {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String issuer = this.environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "");
		long now = System.currentTimeMillis() / 1000;
		String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
		String claims = "{\"iss\":\"" + issuer.replace("\"", "") + "\",\"sub\":\"warm-up\",\"aud\":\"velocity-api\","
				+ "\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}";
		byte[] signature = new byte[256];
		new SecureRandom().nextBytes(signature);
		return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(signature);
	}

	private static final class Counts {

		final LongAdder purchaseCalls = new LongAdder();

		final LongAdder refusedTokens = new LongAdder();

		final LongAdder saleReads = new LongAdder();

	}

}
