package dev.velocity.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.SharedServers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code loadtest/UserLoadTest.java}, run as its README says, against a running API. */
class UserLoadTestIntegrationTests {

	@Test
	void drivesASteadyRateAgainstTheApiAndWritesAnHtmlReport() throws Exception {
		Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();
		Path report = projectDir.resolve("system-tests/target/user-load-report.html");
		Files.deleteIfExists(report);
		try (VelocitySystem velocity = new VelocitySystem()) {
			velocity.startApi();
			String java = ProcessHandle.current().info().command().orElse("java");
			Process run = new ProcessBuilder(
					List.of(java, "loadtest/UserLoadTest.java", "--url", velocity.apiBase(), "--rate", "50",
							"--duration", "3", "--token-endpoint", SharedServers.issuer().tokenEndpoint().toString(),
							"--admin-secret", SharedServers.issuer().adminSecret(), "--stock", "60", "--sale",
							"user-load", "--report", report.toString()))
				.directory(projectDir.toFile())
				.redirectErrorStream(true)
				.inheritIO()
				.start();

			assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();
			assertThat(run.exitValue()).isZero();
			ApiClient.Answer sale = velocity.getSale("user-load");
			// About 150 arrivals for 60 units: the sale sold out, and the report says so.
			assertThat(sale.number("sold")).isEqualTo(60);
			assertThat(sale.number("remaining")).isZero();
		}
		String html = Files.readString(report);
		assertThat(html).contains("<svg", "Answers per second", "Latency per second", "200 60,", "409 ");
	}

}
