package dev.velocity.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.velocity.localservers.ServiceProcess;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every metric the Grafana dashboard queries is one the running services export. */
class GrafanaDashboardIntegrationTests {

	private static final Pattern METRIC = Pattern.compile("\\b((?:velocity|http_server)_[a-z_]+)");

	@Test
	void queriesOnlyMetricsTheServicesExport() throws Exception {
		Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();
		String dashboard = Files.readString(projectDir.resolve("infra/grafana/velocity-dashboard.json"));
		Set<String> queried = new TreeSet<>();
		Matcher matcher = METRIC.matcher(dashboard);
		while (matcher.find()) {
			queried.add(matcher.group(1));
		}
		assertThat(queried).hasSizeGreaterThan(10);

		try (VelocitySystem velocity = new VelocitySystem()) {
			ServiceProcess api = velocity.startApi();
			ServiceProcess worker = velocity.startWorker();
			String saleId = "metrics-" + System.nanoTime();
			velocity.putSale(saleId, 1, null);
			velocity.storm(saleId, 3, 3);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(velocity.storedOrders(saleId)).hasSize(1));
			velocity.getOrder("nowhere.x");

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				String exported = scrape(velocity, api.managementPort()) + scrape(velocity, worker.managementPort());
				assertThat(queried).allSatisfy((metric) -> assertThat(exported).contains(metric));
			});
		}
	}

	private static String scrape(VelocitySystem velocity, int port) throws Exception {
		return velocity.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
