/*
 * Velocity's user-facing load test: a steady arrival rate of purchases against your own
 * deployment, and an HTML report with charts. One file, no build, Java 17+:
 *
 *   java loadtest/UserLoadTest.java --url http://localhost:8080 --rate 200 --duration 60 \
 *        --token-endpoint http://127.0.0.1:9400/token --admin-secret $SECRET \
 *        [--stock 50000] [--sale my-sale] [--report report.html]
 *
 * Shoppers are signed in: with --token-endpoint each of up to 1,000 shoppers gets a token there
 * first (the local issuer's password grant), or --shopper-tokens names a file of tokens, one a
 * line, that the shop's own provider issued. With an admin token (--admin-token, or
 * --admin-secret for the local issuer's admin client) it creates (or restocks) the sale first;
 * without, --sale must exist. Arrivals are open-model (a new purchase every 1/rate s whatever the
 * answers' speed), as a real crowd is. One address sends them all: its rate limit applies.
 */

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public class UserLoadTest {

	record Sample(long second, int status, double millis) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		String url = options.getOrDefault("url", "http://localhost:8080").replaceAll("/$", "");
		int rate = Integer.parseInt(options.getOrDefault("rate", "500"));
		int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
		String sale = options.getOrDefault("sale", "loadtest-" + Long.toString(System.currentTimeMillis(), 36));
		Path report = Path.of(options.getOrDefault("report", "velocity-load-report.html"));
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

		String adminToken = options.get("admin-token");
		if (adminToken == null && options.containsKey("admin-secret")) {
			adminToken = token(http, options.get("token-endpoint"),
					"grant_type=client_credentials&client_id=velocity-admin&client_secret=" + options.get("admin-secret"));
		}
		List<String> tokens = new ArrayList<>();
		if (options.containsKey("shopper-tokens")) {
			Files.readAllLines(Path.of(options.get("shopper-tokens"))).stream().filter((line) -> !line.isBlank())
				.forEach(tokens::add);
		}
		else {
			int shoppers = (int) Math.min(1_000, (long) rate * duration);
			for (int i = 0; i < shoppers; i++) {
				tokens.add(token(http, options.get("token-endpoint"), "grant_type=password&username=load-" + i));
			}
		}
		if (adminToken != null) {
			String stock = options.getOrDefault("stock", String.valueOf((long) rate * duration / 2));
			HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/sales/" + sale))
				.header("Authorization", "Bearer " + adminToken)
				.header("Content-Type", "application/json")
				.PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Load test\",\"stock\":" + stock + "}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (put.statusCode() >= 300) {
				throw new IllegalStateException("Could not create the sale: " + put.statusCode() + " " + put.body());
			}
		}

		ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
		AtomicLong shoppers = new AtomicLong();
		long start = System.nanoTime();
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		long periodNanos = 1_000_000_000L / rate;
		System.out.printf("Velocity load test: %d purchases/s for %d s against %s (sale %s)%n", rate, duration, url,
				sale);
		clock.scheduleAtFixedRate(() -> {
			long sentAt = System.nanoTime();
			long second = (sentAt - start) / 1_000_000_000L;
			String body = "{\"saleId\":\"" + sale + "\"}";
			String token = tokens.get((int) (shoppers.getAndIncrement() % tokens.size()));
			http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/buy"))
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + token)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding())
				.whenComplete((response, error) -> samples.add(new Sample(second,
						(error == null) ? response.statusCode() : 0, (System.nanoTime() - sentAt) / 1e6)));
		}, 0, periodNanos, TimeUnit.NANOSECONDS);
		Thread.sleep(duration * 1000L);
		clock.shutdownNow();
		Thread.sleep(2_000); // let the last answers arrive

		List<Sample> all = new ArrayList<>(samples);
		String html = report(url, sale, rate, duration, all);
		Files.writeString(report, html);
		System.out.println(summary(all, duration));
		System.out.println("Report: " + report.toAbsolutePath());
	}

	/** A token from an OAuth2 token endpoint (a form POST), its access_token. */
	static String token(HttpClient http, String endpoint, String form) throws IOException, InterruptedException {
		if (endpoint == null) {
			throw new IllegalArgumentException("--token-endpoint (or --shopper-tokens and --admin-token) is required");
		}
		HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("The token endpoint answered " + answer.statusCode() + " " + answer.body());
		}
		return answer.body().replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
	}

	static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		return options;
	}

	static double percentile(double[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
	}

	static String summary(List<Sample> all, int duration) {
		double[] latencies = all.stream().mapToDouble(Sample::millis).sorted().toArray();
		long ok = all.stream().filter((s) -> s.status() == 200).count();
		long soldOut = all.stream().filter((s) -> s.status() == 409).count();
		long errors = all.stream().filter((s) -> s.status() == 0 || s.status() >= 500).count();
		return String.format(Locale.ROOT,
				"requests %d (%.0f/s), 200 %d, 409 %d, errors/5xx %d, latency p50 %.1f ms p99 %.1f ms max %.1f ms",
				all.size(), all.size() / (double) duration, ok, soldOut, errors, percentile(latencies, 50),
				percentile(latencies, 99), percentile(latencies, 100));
	}

	static String report(String url, String sale, int rate, int duration, List<Sample> all) {
		int seconds = duration + 2;
		double[][] perSecond = new double[5][seconds];
		for (int second = 0; second < seconds; second++) {
			final int s = second;
			double[] latencies = all.stream().filter((x) -> x.second() == s).mapToDouble(Sample::millis).sorted().toArray();
			perSecond[0][second] = all.stream().filter((x) -> x.second() == s && x.status() == 200).count();
			perSecond[1][second] = all.stream().filter((x) -> x.second() == s && x.status() == 409).count();
			perSecond[2][second] = all.stream().filter((x) -> x.second() == s && (x.status() == 0 || x.status() >= 500)).count();
			perSecond[3][second] = percentile(latencies, 50);
			perSecond[4][second] = percentile(latencies, 99);
		}
		return """
				<!doctype html><html><head><meta charset="utf-8"><title>Velocity load test</title>
				<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1d2330}figure{margin:1.5rem 0}
				figcaption{font-weight:600}.legend span{margin-right:1rem}</style></head><body>
				<h1>Velocity load test</h1>
				<p>%s · sale <code>%s</code> · %d purchases/s for %d s · %s</p>
				<p><strong>%s</strong></p>
				%s
				%s
				</body></html>
				""".formatted(url, sale, rate, duration, Instant.now(), summary(all, duration),
				chart("Answers per second", new String[] { "200 accepted", "409 sold out / limit", "errors and 5xx" },
						new String[] { "#1b6e35", "#2f6fde", "#b3261e" }, Arrays.copyOfRange(perSecond, 0, 3), "/s"),
				chart("Latency per second", new String[] { "p50", "p99" }, new String[] { "#2f6fde", "#b3261e" },
						Arrays.copyOfRange(perSecond, 3, 5), "ms"));
	}

	static String chart(String title, String[] names, String[] colors, double[][] series, String unit) {
		int width = 800;
		int height = 240;
		double max = 1;
		for (double[] values : series) {
			for (double value : values) {
				max = Math.max(max, value);
			}
		}
		StringBuilder svg = new StringBuilder();
		svg.append("<figure><figcaption>").append(title).append(" (max ").append(Math.round(max)).append(' ')
			.append(unit).append(")</figcaption><svg width=\"").append(width).append("\" height=\"").append(height)
			.append("\" style=\"background:#f4f5f8\">");
		for (int i = 0; i < series.length; i++) {
			StringBuilder points = new StringBuilder();
			for (int x = 0; x < series[i].length; x++) {
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x * (width / (double) Math.max(1, series[i].length - 1)),
						height - series[i][x] / max * (height - 10)));
			}
			svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colors[i]).append("\" points=\"")
				.append(points).append("\"/>");
		}
		svg.append("</svg><div class=\"legend\">");
		for (int i = 0; i < names.length; i++) {
			svg.append("<span style=\"color:").append(colors[i]).append("\">&#9632; ").append(names[i]).append("</span>");
		}
		return svg.append("</div></figure>").toString();
	}

}
