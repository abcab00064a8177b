package dev.velocity.api;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The API's feature modules (the packages under {@code dev.velocity.api}) depend on one
 * another only through their base packages, and never in a cycle; the module picture in
 * {@code target/spring-modulith-docs} is written from the same model.
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

}
