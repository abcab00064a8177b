package dev.velocity.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.SharedServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user-facing load test ({@code loadtest}, Gatling) run as its README says, briefly,
 * against both services: a spike of signed-in shoppers sells a sale out, the run passes
 * its assertions and leaves Gatling's report; a stampede joins a waiting room and buys
 * once admitted; a run whose p99 bound cannot be met fails.
 */
class GatlingLoadTestIntegrationTests {

	private final Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();

	@Test
	void aSpikeSellsTheSaleOutAStampedeBuysThroughTheWaitingRoomAndAnImpossibleBoundFailsTheRun() throws Exception {
		Path reports = this.projectDir.resolve("loadtest/target/gatling");
		try (VelocitySystem velocity = new VelocitySystem()) {
			velocity.startApi();
			velocity.startWorker();

			Run passing = gatling(velocity, "gatling-spike", "-Dvelocity.users=300", "-Dvelocity.seconds=3",
					"-Dvelocity.p99Millis=10000");
			assertThat(passing.exitCode()).as("the spike passed its assertions:%n%s", passing.output()).isZero();
			ApiClient.Answer sale = velocity.getSale("gatling-spike");
			assertThat(sale.number("sold")).isEqualTo(60);
			assertThat(sale.number("remaining")).isZero();
			assertThat(passing.output()).contains("POST /buy", "books");
			assertThat(report(reports, "flashsalesimulation")).as("Gatling's HTML report").isNotNull();

			Run stampede = gatling(velocity, "gatling-queue", "-Dvelocity.profile=stampede", "-Dvelocity.users=30",
					"-Dvelocity.seconds=5", "-Dvelocity.admissionsPerSecond=50", "-Dvelocity.p99Millis=10000");
			assertThat(stampede.exitCode()).as("the stampede passed:%n%s", stampede.output()).isZero();
			assertThat(stampede.output()).contains("POST queue", "POST /buy");
			assertThat(velocity.getSale("gatling-queue").number("sold")).isPositive();

			Run failing = gatling(velocity, "gatling-impossible", "-Dvelocity.users=20", "-Dvelocity.seconds=1",
					"-Dvelocity.p99Millis=0");
			assertThat(failing.exitCode()).as("a p99 under 0 ms cannot be met:%n%s", failing.output()).isNotZero();
			assertThat(failing.output()).contains("99th percentile");
		}
	}

	private Run gatling(VelocitySystem velocity, String sale, String... settings) throws Exception {
		List<String> command = new ArrayList<>(List.of("./mvnw", "-B", "-q", "-pl", "loadtest", "test-compile",
				"gatling:test", "-Dvelocity.url=" + velocity.apiBase(),
				"-Dvelocity.tokenEndpoint=" + SharedServers.issuer().tokenEndpoint(),
				"-Dvelocity.adminSecret=" + SharedServers.issuer().adminSecret(), "-Dvelocity.sale=" + sale,
				"-Dvelocity.stock=60", "-Dvelocity.quietSeconds=1"));
		command.addAll(List.of(settings));
		Path log = Files.createTempFile("gatling", ".log");
		Process run = new ProcessBuilder(command).directory(this.projectDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		assertThat(run.waitFor(5, TimeUnit.MINUTES)).as("Gatling finished").isTrue();
		String output = Files.readString(log);
		System.out.println(output);
		return new Run(run.exitValue(), output);
	}

	private static Path report(Path reports, String prefix) throws IOException {
		try (Stream<Path> runs = Files.list(reports)) {
			return runs.filter((run) -> run.getFileName().toString().startsWith(prefix))
				.map((run) -> run.resolve("index.html"))
				.filter(Files::isRegularFile)
				.findFirst()
				.orElse(null);
		}
	}

	private record Run(int exitCode, String output) {

	}

}
