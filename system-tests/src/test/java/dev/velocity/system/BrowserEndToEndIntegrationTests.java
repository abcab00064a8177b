package dev.velocity.system;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.velocity.testsupport.SharedServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shop page and the dashboard in a real headless Chromium
 * ({@code web/e2e/shop.e2e.mjs}, playwright-core driving Debian's chromium) against both
 * services. Screenshots land in {@code system-tests/target/e2e}.
 */
class BrowserEndToEndIntegrationTests {

	@Test
	void shopperBuysSeesTheSellOutLiveGetsAFailureRolledBackAndBuysThroughAWaitingRoom() throws Exception {
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		assertThat(new File(chromium)).as("Chromium (apt-get install chromium; .ci/run does)").canRead();
		Path projectDir = Path.of(System.getProperty("velocity.project.dir", "..")).toAbsolutePath();
		Path out = projectDir.resolve("system-tests/target/e2e");
		try (VelocitySystem velocity = new VelocitySystem()) {
			velocity.startApi();
			velocity.startWorker();

			ProcessBuilder builder = new ProcessBuilder("node", "e2e/shop.e2e.mjs")
				.directory(projectDir.resolve("web").toFile())
				.redirectErrorStream(true)
				.inheritIO();
			builder.environment().put("VELOCITY_API_URL", velocity.apiBase());
			builder.environment().put("VELOCITY_ADMIN_SECRET", SharedServers.issuer().adminSecret());
			builder.environment().put("VELOCITY_E2E_OUT", out.toString());
			builder.environment().put("CHROMIUM", chromium);
			Process e2e = builder.start();

			assertThat(e2e.waitFor(4, TimeUnit.MINUTES)).as("the browser test finished").isTrue();
			assertThat(e2e.exitValue()).as("the browser test passed (see its output above)").isZero();
		}
		for (String screenshot : new String[] { "shop.png", "shop-sold-out.png", "shop-rolled-back.png",
				"shop-queue-before-start.png", "shop-queue-place.png", "shop-queue-bought.png", "shop-closed.png",
				"dashboard.png" }) {
			assertThat(out.resolve(screenshot).toFile()).isFile().isNotEmpty();
		}
	}

}
