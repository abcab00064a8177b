package dev.velocity.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.velocity.testsupport.ApiClient;

/**
 * A purchase storm from signed-in shoppers (a pool of them, in turn), on client threads
 * of its own, that keeps the client's record of every order that got a 200 (the only
 * record that counts when checking "never lost").
 */
final class Storm {

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

	/**
	 * Storms buy as shoppers of a pool this big, in turn: tokens are signed once each.
	 */
	static final int POOL = 2_000;

	private static final AtomicLong next = new AtomicLong();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Set<String> accepted = ConcurrentHashMap.newKeySet();

	private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong errors = new AtomicLong();

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean stopped;

	private boolean untilSoldOut;

	/** The storm's figures. */
	record Result(long requests, Set<String> accepted, Map<Integer, AtomicLong> statuses, long errors) {

		long count(int status) {
			AtomicLong count = this.statuses.get(status);
			return (count != null) ? count.get() : 0;
		}

	}

	/**
	 * Starts buying one unit per request from {@code concurrency} client threads.
	 * @param base the API to call (asked again before each request: it may change
	 * mid-storm)
	 * @param saleId the sale
	 * @param concurrency client threads
	 * @param duration how long to go on
	 * @return the running storm
	 */
	static Storm start(Supplier<String> base, String saleId, int concurrency, Duration duration) {
		return start(base, saleId, concurrency, duration, false);
	}

	/**
	 * Starts buying as {@link #start}, and stops at the first sold-out answer: a storm
	 * that must sell everything takes as long as the machine needs, not a fixed time.
	 * @param base the API to call
	 * @param saleId the sale
	 * @param concurrency client threads
	 * @param atMost how long to go on if the sale never sells out
	 * @return the running storm
	 */
	static Storm untilSoldOut(Supplier<String> base, String saleId, int concurrency, Duration atMost) {
		return start(base, saleId, concurrency, atMost, true);
	}

	private static Storm start(Supplier<String> base, String saleId, int concurrency, Duration duration,
			boolean untilSoldOut) {
		Storm storm = new Storm();
		storm.untilSoldOut = untilSoldOut;
		long deadline = System.nanoTime() + duration.toNanos();
		for (int i = 0; i < concurrency; i++) {
			Thread thread = new Thread(() -> storm.run(base, saleId, deadline), "storm-" + i);
			thread.start();
			storm.threads.add(thread);
		}
		return storm;
	}

	private void run(Supplier<String> base, String saleId, long deadline) {
		while (!this.stopped && System.nanoTime() < deadline) {
			String body = "{\"saleId\":\"" + saleId + "\",\"quantity\":1}";
			HttpRequest request = ApiClient.as(nextShopper(), HttpRequest.newBuilder(URI.create(base.get() + "/buy")))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			this.requests.incrementAndGet();
			try {
				HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				this.statuses.computeIfAbsent(response.statusCode(), (status) -> new AtomicLong()).incrementAndGet();
				if (response.statusCode() == 200) {
					Matcher matcher = ORDER_ID.matcher(response.body());
					if (matcher.find()) {
						this.accepted.add(matcher.group(1));
					}
				}
				else if (response.statusCode() == 503) {
					pause(50);
				}
				else if (this.untilSoldOut && response.statusCode() == 409 && response.body().contains("/sold-out")) {
					this.stopped = true;
				}
			}
			catch (java.io.IOException ex) {
				// The API is down (killed, restarting): no answer, so no promise was
				// made.
				this.errors.incrementAndGet();
				pause(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static String nextShopper() {
		return "storm-" + (next.getAndIncrement() % POOL);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	Result await() {
		for (Thread thread : this.threads) {
			try {
				thread.join();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return new Result(this.requests.get(), Set.copyOf(this.accepted), Map.copyOf(this.statuses), this.errors.get());
	}

	/** The orders that got a 200 so far. */
	Set<String> acceptedSoFar() {
		return Set.copyOf(this.accepted);
	}

	Result stop() {
		this.stopped = true;
		return await();
	}

}
