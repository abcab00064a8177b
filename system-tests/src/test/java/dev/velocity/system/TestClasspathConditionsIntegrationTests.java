package dev.velocity.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.velocity.localservers.FreePort;
import dev.velocity.localservers.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each service started on exactly its tests' classpath configures what its jar
 * configures: the two condition reports of Spring Boot (the actuator's {@code conditions}
 * endpoint) hold the same auto-configurations and beans, but for those
 * {@code ONLY_IN_TESTS} lists with why. {@link TestOnlyJarsTests} says why each test-only
 * jar should not change a service; this checks it for all that Spring Boot decides by a
 * condition.
 */
class TestClasspathConditionsIntegrationTests {

	private static final List<String> EXPOSE_CONDITIONS = List
		.of("--management.endpoints.web.exposure.include=health,conditions");

	/**
	 * What the tests' classpath configures and the jars do not, and why it leaves the
	 * service unchanged.
	 */
	private static final Map<String, String> ONLY_IN_TESTS = Map.of(
			"org.springframework.modulith.core.config.ApplicationModuleInitializerRuntimeVerification",
			"Spring Modulith's (ModularityTests'): it fails the start when a bean is an ApplicationModuleInitializer "
					+ "and Spring Modulith's runtime is absent; no bean here is one");

	private static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path directory;

	@Test
	void theApiOnItsTestsClasspathConfiguresWhatItsJarDoes() {
		try (VelocitySystem velocity = new VelocitySystem()) {
			ServiceProcess jar = velocity.launchApi(ServiceClasspaths.jar("api-service"), FreePort.find(),
					EXPOSE_CONDITIONS, Map.of());
			ServiceProcess tests = velocity.launchApi(ServiceClasspaths.testClasspathJar("api-service", this.directory),
					FreePort.find(), EXPOSE_CONDITIONS, Map.of());
			assertSameConditions(velocity, jar, tests);
		}
	}

	@Test
	void theWorkerOnItsTestsClasspathConfiguresWhatItsJarDoes() {
		try (VelocitySystem velocity = new VelocitySystem()) {
			ServiceProcess jar = velocity.launchWorker(ServiceClasspaths.jar("order-worker"), EXPOSE_CONDITIONS);
			ServiceProcess tests = velocity
				.launchWorker(ServiceClasspaths.testClasspathJar("order-worker", this.directory), EXPOSE_CONDITIONS);
			assertSameConditions(velocity, jar, tests);
		}
	}

	private static void assertSameConditions(VelocitySystem velocity, ServiceProcess jar, ServiceProcess tests) {
		jar.awaitReady(Duration.ofMinutes(2));
		tests.awaitReady(Duration.ofMinutes(2));
		Set<String> ofJar = configured(velocity, jar);
		Set<String> ofTests = configured(velocity, tests);
		assertThat(ofJar).as("what the jar configures").isNotEmpty();
		assertThat(difference(ofTests, ofJar))
			.as("configured on the tests' classpath, not in the jar; expected only these, for these reasons: %s",
					ONLY_IN_TESTS)
			.isEqualTo(ONLY_IN_TESTS.keySet());
		assertThat(difference(ofJar, ofTests)).as("configured in the jar, not on the tests' classpath").isEmpty();
	}

	/**
	 * The positive matches (auto-configurations and their bean methods whose conditions
	 * held) and the unconditional classes of every context of a running service.
	 */
	@SuppressWarnings("unchecked")
	private static Set<String> configured(VelocitySystem velocity, ServiceProcess service) {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + service.managementPort() + "/actuator/conditions"))
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			HttpResponse<String> response = velocity.http.send(request, HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("%s's conditions endpoint", service.name()).isEqualTo(200);
			Map<String, Object> report = json.readValue(response.body(), Map.class);
			Set<String> configured = new TreeSet<>();
			((Map<String, Map<String, Object>>) report.get("contexts")).values().forEach((context) -> {
				configured.addAll(((Map<String, Object>) context.get("positiveMatches")).keySet());
				configured.addAll((List<String>) context.get("unconditionalClasses"));
			});
			return configured;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Set<String> difference(Set<String> these, Set<String> those) {
		Set<String> difference = new TreeSet<>(these);
		difference.removeAll(those);
		return difference;
	}

}
