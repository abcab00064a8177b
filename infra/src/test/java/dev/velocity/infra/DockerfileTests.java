package dev.velocity.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one service image recipe: multi-stage, layered, non-root, a current JRE, a health
 * check on the service's port; and every build of it (compose, the workflow) passes each
 * service's module and port.
 */
class DockerfileTests {

	@Test
	void buildsALayeredNonRootImageWithAHealthCheckOnTheManagementPort() throws IOException {
		String dockerfile = Files.readString(ServiceConfiguration.ROOT.resolve("Dockerfile"));

		assertThat(dockerfile.lines().filter((line) -> line.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(3);
		assertThat(dockerfile).contains("-pl ${MODULE} -am package", "target/${MODULE}.jar",
				"-Djarmode=tools -jar app.jar extract --layers", "FROM eclipse-temurin:25-jre", "USER velocity",
				"EXPOSE ${PORT}", "SERVER_PORT=${PORT}", "MANAGEMENT_SERVER_PORT=${MANAGEMENT_PORT}", "HEALTHCHECK",
				"http://localhost:${MANAGEMENT_SERVER_PORT}/actuator/health/readiness",
				"org.springframework.boot.loader.launch.JarLauncher");
		assertThat(dockerfile.substring(dockerfile.lastIndexOf("FROM "))).contains("USER velocity", "ARG PORT")
			.doesNotContain("USER root");
	}

	@ParameterizedTest
	@ValueSource(strings = { "api-service", "order-worker" })
	void everyBuildPassesTheServicesModuleAndPort(String module) throws IOException {
		ServiceConfiguration service = new ServiceConfiguration(module);
		int port = service.port();
		String managementPort = service.property("management.server.port");
		// The recipe copies target/${MODULE}.jar.
		assertThat(Files.readString(ServiceConfiguration.ROOT.resolve(module).resolve("pom.xml")))
			.contains("<finalName>" + module + "</finalName>");
		assertThat(composeBuildArgs())
			.contains(Map.of("MODULE", module, "PORT", String.valueOf(port), "MANAGEMENT_PORT", managementPort));
		assertThat(Files.readString(ServiceConfiguration.ROOT.resolve(".github/workflows/ci.yml")))
			.containsPattern("- service: " + module + "\\s+port: " + port + "\\s+management-port: " + managementPort)
			.contains("MODULE=${{ matrix.service }}", "PORT=${{ matrix.port }}",
					"MANAGEMENT_PORT=${{ matrix.management-port }}");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, String>> composeBuildArgs() throws IOException {
		try (InputStream in = Files.newInputStream(ServiceConfiguration.ROOT.resolve("docker-compose.yml"))) {
			Map<String, Map<String, Map<String, Object>>> services = (Map<String, Map<String, Map<String, Object>>>) new Yaml()
				.<Map<String, Object>>load(in)
				.get("services");
			return services.values()
				.stream()
				.map((service) -> service.get("build"))
				.filter((build) -> build instanceof Map && ((Map<?, ?>) build).containsKey("args"))
				.map((build) -> ((Map<String, Object>) build).get("args"))
				.map((args) -> (Map<String, String>) args)
				.toList();
		}
	}

}
