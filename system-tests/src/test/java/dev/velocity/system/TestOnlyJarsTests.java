package dev.velocity.system;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

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
	 * Why some test-only jars leave the service as its jar runs it, and those jars (their
	 * artifact ids, as regular expressions).
	 */
	private record Reviewed(String why, List<Pattern> artifacts) {

		static Reviewed of(String why, String... artifacts) {
			return new Reviewed(why, Stream.of(artifacts).map(Pattern::compile).toList());
		}

		boolean covers(String artifact) {
			return this.artifacts.stream().anyMatch((pattern) -> pattern.matcher(artifact).matches());
		}

	}

	private static final List<Reviewed> REVIEWED = List.of(
			Reviewed.of(
					"starters: a POM and an empty jar, which Spring Boot leaves out of a service's jar; what "
							+ "they bring is checked here jar by jar",
					"spring-boot-starter.*", "spring-modulith-starter-test"),
			Reviewed.of(
					"test libraries, called by tests only (that no auto-configuration conditions on them, "
							+ "TestClasspathConditionsIntegrationTests checks)",
					"junit-.*", "opentest4j", "apiguardian-api", "assertj-core", "hamcrest", "mockito-.*",
					"byte-buddy.*", "objenesis", "awaitility", "jqwik.*", "archunit", "xmlunit-core", "jsonassert",
					"android-json", "json-path", "json-smart", "accessors-smart", "asm"),
			Reviewed.of("Spring's test support, applied to test contexts only", "spring-test", "spring-boot-test",
					"spring-boot-test-autoconfigure", "spring-boot-resttestclient", "spring-boot-webmvc-test"),
			Reviewed.of(
					"Spring Modulith's module model and its documentation (ModularityTests); spring-tx is test-only "
							+ "in the worker, which lacks spring-boot-transaction, where Spring Boot 4 configures "
							+ "transactions (the API's jar has both)",
					"spring-modulith-api", "spring-modulith-core", "spring-modulith-docs", "spring-modulith-test",
					"structurizr-core", "structurizr-export", "jsr305", "spring-tx"),
			Reviewed.of(
					"the real servers the tests run against, and the local token issuer's signing library (the "
							+ "API's jar has it, through Spring Security; the worker has no Spring Security)",
					"local-servers", "test-support", "embedded-redis", "nimbus-jose-jwt"),
			Reviewed.of("ElasticMQ, the in-process SQS server, and its Scala runtime", "elasticmq-.*", "pekko-.*",
					"scala-.*", "scalikejdbc.*", "spray-json_.*", "pureconfig-core_.*", "config", "parboiled_.*",
					"ssl-config-core_.*"),
			Reviewed.of("ElasticMQ's SQL persistence (unused: its queues are in memory; its JTA API is excluded, as it "
					+ "turned Spring Boot's JtaAutoConfiguration on); the services have no JDBC, so Spring "
					+ "Boot configures no DataSource; commons-pool2 matters where Lettuce is, and the API's "
					+ "jar has it (the worker has no Redis)", "h2", "commons-dbcp2", "commons-pool2"),
			Reviewed.of(
					"the OpenAPI contract tests' validator and its Jackson 2, Guava and HttpClient 4: Spring Boot 4 "
							+ "configures Jackson 3 only, Spring's HTTP clients look for HttpClient 5 (in the API's "
							+ "jar) and never 4, and the AWS SDK's are its own modules, the same in jar and tests",
					"openapi-request-validator-core", "swagger-.*", "json-schema-validator", "json-patch",
					"jackson-coreutils", "msg-simple", "btf", "itu", "rhino", "guava", "failureaccess",
					"listenablefuture", "checker-qual", "j2objc-annotations", "jackson-datatype-jdk8", "httpclient",
					"httpcore", "commons-codec", "commons-io"),
			Reviewed
				.of("the JAXB API (Spring Boot's test starter brings it): it adds an XML message converter to Spring "
						+ "MVC in the worker's tests, and the worker serves nothing but its actuator's JSON (the "
						+ "API's jar has it)", "jakarta.xml.bind-api", "jakarta.activation-api"));

	private static final List<String> SERVICES = List.of("api-service", "order-worker");

	@ParameterizedTest
	@FieldSource("SERVICES")
	void everyJarOnlyTheTestsHaveIsReviewed(String service) {
		Set<String> testOnly = ServiceClasspaths.testOnly(service);
		assertThat(testOnly).as("the jars %s's tests have and its jar lacks", service).isNotEmpty();
		Set<String> unreviewed = testOnly.stream()
			.filter((artifact) -> REVIEWED.stream().noneMatch((reviewed) -> reviewed.covers(artifact)))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(unreviewed)
			.as("jars %s's tests run with and its jar lacks, not reviewed in TestOnlyJarsTests: does any change how "
					+ "the service runs? (add it there with why not, or to the service's dependencies)", service)
			.isEmpty();
	}

	@Test
	void everyReviewedJarIsStillTestOnly() {
		// A jar the services came to hold, or their tests to drop, leaves the list: it
		// says only what is true of the tests now.
		Set<String> onlyInTests = new TreeSet<>();
		SERVICES.forEach((service) -> onlyInTests.addAll(ServiceClasspaths.testOnly(service)));
		List<Pattern> stale = REVIEWED.stream()
			.flatMap((reviewed) -> reviewed.artifacts().stream())
			.filter((pattern) -> onlyInTests.stream().noneMatch((artifact) -> pattern.matcher(artifact).matches()))
			.toList();
		assertThat(stale).as("reviewed jars that no service's tests have without its jar").isEmpty();
	}

}
