package dev.velocity.system;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every jar a service's tests run with and its own jar lacks has been looked at. Spring
 * Boot and the libraries under it change what they do by what is on the classpath
 * (Lettuce's connection pool came on in every test, through a test server's dependency,
 * and not in the jar), so a test dependency can make the tests run a service the jar is
 * not. The two classpaths are {@link ServiceClasspaths}'. A new test-only jar fails this
 * until it is added below with why it does not change how the service runs, or put in the
 * service's own dependencies.
 */
class TestOnlyJarsTests {

	/**
	 * Test-only jars (artifact ids) and why each leaves the service as the jar runs it.
	 */
	private record Reviewed(Pattern artifacts, String why) {

		Reviewed(String artifacts, String why) {
			this(Pattern.compile(artifacts), why);
		}

	}

	private static final List<Reviewed> REVIEWED = List.of(
			new Reviewed("spring-boot-starter.*|spring-modulith-starter-test",
					"starters: a POM and an empty jar, which Spring Boot leaves out of a service's jar; what they "
							+ "bring is checked here jar by jar"),
			new Reviewed(
					"junit-.*|opentest4j|apiguardian-api|assertj-core|hamcrest|mockito-.*|byte-buddy.*|objenesis|"
							+ "awaitility|jqwik.*|archunit|xmlunit-core|jsonassert|android-json|json-path|json-smart|"
							+ "accessors-smart|asm",
					"test libraries, called by tests only (that no auto-configuration conditions on them, "
							+ "TestClasspathConditionsIntegrationTests checks)"),
			new Reviewed("spring-test|spring-boot-test|spring-boot-test-autoconfigure|spring-boot-resttestclient|"
					+ "spring-boot-webmvc-test", "Spring's test support, applied to test contexts only"),
			new Reviewed("spring-modulith-(api|core|docs|test)|structurizr-(core|export)|jsr305|spring-tx",
					"Spring Modulith's module model and its documentation (ModularityTests); spring-tx is "
							+ "test-only in the worker, which lacks spring-boot-transaction, where Spring Boot 4 "
							+ "configures transactions (the API's jar has both)"),
			new Reviewed("local-servers|test-support|embedded-redis|nimbus-jose-jwt",
					"the real servers the tests run against, and the local token issuer's signing library (the "
							+ "API's jar has it, through Spring Security; the worker has no Spring Security)"),
			new Reviewed(
					"elasticmq-.*|pekko-.*|scala-.*|scalikejdbc.*|spray-json_.*|pureconfig-core_.*|config|parboiled_.*|"
							+ "ssl-config-core_.*",
					"ElasticMQ, the in-process SQS server, and its Scala runtime"),
			new Reviewed("h2|commons-dbcp2|commons-pool2",
					"ElasticMQ's SQL persistence (unused: its queues are in memory; its JTA API is excluded, as it "
							+ "turned Spring Boot's JtaAutoConfiguration on); the services have no JDBC, so Spring "
							+ "Boot configures no DataSource; commons-pool2 matters where Lettuce is, and the API's "
							+ "jar has it (the worker has no Redis)"),
			new Reviewed(
					"openapi-request-validator-core|swagger-.*|json-schema-validator|json-patch|jackson-coreutils|"
							+ "msg-simple|btf|itu|rhino|guava|failureaccess|listenablefuture|checker-qual|"
							+ "j2objc-annotations|jackson-datatype-jdk8|httpclient|httpcore|commons-codec|commons-io",
					"the OpenAPI contract tests' validator and its Jackson 2, Guava and HttpClient 4: Spring Boot 4 "
							+ "configures Jackson 3 only, Spring's HTTP clients look for HttpClient 5 (in the API's "
							+ "jar) and never 4, and the AWS SDK's are its own modules, the same in jar and tests"),
			new Reviewed("jakarta.xml.bind-api|jakarta.activation-api",
					"the JAXB API (Spring Boot's test starter brings it): it adds an XML message converter to "
							+ "Spring MVC in the worker's tests, and the worker serves nothing but its actuator's JSON "
							+ "(the API's jar has it)"));

	private static final List<String> SERVICES = List.of("api-service", "order-worker");

	private final ServiceClasspaths classpaths = new ServiceClasspaths();

	@ParameterizedTest
	@ValueSource(strings = { "api-service", "order-worker" })
	void everyJarOnlyTheTestsHaveIsReviewed(String service) {
		Set<String> testOnly = this.classpaths.testOnly(service);
		assertThat(testOnly).as("the jars %s's tests have and its jar lacks", service).isNotEmpty();
		Set<String> unreviewed = testOnly.stream()
			.filter((artifact) -> REVIEWED.stream()
				.noneMatch((reviewed) -> reviewed.artifacts().matcher(artifact).matches()))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(unreviewed)
			.as("jars %s's tests run with and its jar lacks, not reviewed in TestOnlyJarsTests: does any change how "
					+ "the service runs? (add it there with why not, or to the service's dependencies)", service)
			.isEmpty();
	}

	@Test
	void everyReviewedEntryStillMatchesATestOnlyJar() {
		// An entry whose jars the services came to hold, or their tests to drop, goes:
		// the list says only what is true of the tests now.
		Set<String> onlyInTests = new TreeSet<>();
		SERVICES.forEach((service) -> onlyInTests.addAll(this.classpaths.testOnly(service)));
		assertThat(REVIEWED).as("reviewed entries that match no test-only jar of either service")
			.allSatisfy((reviewed) -> assertThat(onlyInTests)
				.anyMatch((artifact) -> reviewed.artifacts().matcher(artifact).matches()));
	}

}
