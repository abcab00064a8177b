package dev.velocity.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's feature modules (the packages under {@code dev.velocity.api}) depend on one
 * another only through their base packages, and never in a cycle; the module picture in
 * {@code target/spring-modulith-docs} is written from the same model, and the README's
 * module table names what the tree holds.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(VelocityApiApplication.class);

	@Test
	void keepsEveryFeatureWithinItsBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

	@Test
	void theReadmesModuleTableNamesEveryMavenModuleAndEveryApiModule() throws IOException {
		String readme = Files.readString(Path.of("..", "README.md"));
		String table = readme.substring(readme.indexOf("### Modules"), readme.indexOf("## Configuration"));
		List<String> rows = table.lines()
			.filter((line) -> line.startsWith("| `"))
			.map((line) -> line.substring(3, line.indexOf('`', 3)))
			.toList();
		List<String> mavenModules = Files.readAllLines(Path.of("..", "pom.xml"))
			.stream()
			.map(String::trim)
			.filter((line) -> line.startsWith("<module>"))
			.map((line) -> line.substring("<module>".length(), line.indexOf("</module>")))
			.toList();
		assertThat(rows).containsExactlyInAnyOrderElementsOf(mavenModules);

		String apiRow = table.lines().filter((line) -> line.startsWith("| `api-service`")).findFirst().orElseThrow();
		assertThat(modules.stream().map(ApplicationModule::getName))
			.allSatisfy((module) -> assertThat(apiRow).contains("`" + module + "`"));
	}

}
