package dev.velocity.worker;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The worker's modules (the packages under {@code dev.velocity.worker}) keep to their
 * boundaries: the intake knows no SDK type, its adapters sit beside it.
 */
class ModularityTests {

	private static final ApplicationModules modules = ApplicationModules.of(OrderWorkerApplication.class);

	@Test
	void keepsEveryModuleWithinItsBoundaries() {
		modules.verify();
	}

	@Test
	void writesTheModuleDocumentation() {
		new Documenter(modules).writeDocumentation();
	}

}
