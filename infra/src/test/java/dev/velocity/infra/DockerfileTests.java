package dev.velocity.infra;

import java.io.IOException;
import java.nio.file.Files;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The service images: multi-stage, layered, non-root, a current JRE, a health check. */
class DockerfileTests {

	@ParameterizedTest
	@CsvSource({ "api-service, api-service.jar", "order-worker, order-worker.jar" })
	void buildsALayeredNonRootImageWithAHealthCheckOnTheServicePort(String module, String jar) throws IOException {
		String dockerfile = Files.readString(ServiceConfiguration.ROOT.resolve(module).resolve("Dockerfile"));
		int port = new ServiceConfiguration(module).port();

		assertThat(dockerfile.lines().filter((line) -> line.startsWith("FROM ")).count()).isGreaterThanOrEqualTo(3);
		assertThat(dockerfile).contains("-pl " + module + " -am package", "target/" + jar,
				"-Djarmode=tools -jar app.jar extract --layers", "FROM eclipse-temurin:25-jre", "USER velocity",
				"EXPOSE " + port, "HEALTHCHECK", "http://localhost:" + port + "/actuator/health/readiness",
				"org.springframework.boot.loader.launch.JarLauncher");
		assertThat(dockerfile.substring(dockerfile.lastIndexOf("FROM "))).contains("USER velocity")
			.doesNotContain("USER root");
	}

}
