package dev.velocity.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import dev.velocity.orders.OrderTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run here (no Docker engine), so this keeps it honest: every
 * name, port and variable it uses must be one the services' configuration knows.
 */
class ComposeFileTests {

	private static Map<String, Map<String, Object>> services;

	private static final ServiceConfiguration api = new ServiceConfiguration("api-service");

	private static final ServiceConfiguration worker = new ServiceConfiguration("order-worker");

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void readCompose() throws IOException {
		try (InputStream in = Files.newInputStream(ServiceConfiguration.ROOT.resolve("docker-compose.yml"))) {
			Map<String, Object> compose = new Yaml().load(in);
			services = (Map<String, Map<String, Object>>) compose.get("services");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String service) {
		return (Map<String, Object>) services.get(service).get("environment");
	}

	@SuppressWarnings("unchecked")
	private static List<String> ports(String service) {
		return (List<String>) services.get(service).get("ports");
	}

	@Test
	void runsEveryPartOfTheStack() {
		assertThat(services).containsKeys("redis", "elasticmq", "dynalite", "provision", "api", "worker");
	}

	@Test
	void setsOnlyVariablesTheServicesUnderstand() {
		List<String> aws = List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
		environment("api").keySet()
			.stream()
			.filter((name) -> !aws.contains(name))
			.forEach((name) -> assertThat(api.understands(name)).as("api understands " + name).isTrue());
		environment("worker").keySet()
			.stream()
			.filter((name) -> !aws.contains(name))
			.forEach((name) -> assertThat(worker.understands(name)).as("worker understands " + name).isTrue());
		assertThat(environment("api")).containsEntry("SPRING_PROFILES_ACTIVE", "local")
			.containsKeys(aws.toArray(String[]::new));
		assertThat(environment("worker")).containsEntry("SPRING_PROFILES_ACTIVE", "local");
	}

	@Test
	void usesTheSameVariablesAsTheRunCommand() throws IOException {
		String launcher = Files.readString(
				ServiceConfiguration.ROOT.resolve("launcher/src/main/java/dev/velocity/launcher/RunCommand.java"));
		for (String name : List.of("VELOCITY_SQS_ENDPOINT", "VELOCITY_DYNAMODB_ENDPOINT", "VELOCITY_REDIS_PORT")) {
			assertThat(launcher).contains("\"" + name + "\"");
			assertThat(environment("api")).containsKey(name);
		}
	}

	@Test
	void pointsTheServicesAtTheComposeServersPorts() {
		assertThat(ports("api")).containsExactly(api.port() + ":" + api.port());
		assertThat(ports("worker")).containsExactly(worker.port() + ":" + worker.port());
		URI sqs = URI.create(environment("api").get("VELOCITY_SQS_ENDPOINT").toString());
		assertThat(sqs.getHost()).isEqualTo("elasticmq");
		assertThat(ports("elasticmq")).contains("127.0.0.1:" + sqs.getPort() + ":" + sqs.getPort());
		URI dynamo = URI.create(environment("api").get("VELOCITY_DYNAMODB_ENDPOINT").toString());
		assertThat(dynamo.getHost()).isEqualTo("dynalite");
		assertThat(ports("dynalite")).contains("127.0.0.1:" + dynamo.getPort() + ":" + dynamo.getPort());
		assertThat(environment("worker")).containsEntry("VELOCITY_SQS_ENDPOINT", sqs.toString())
			.containsEntry("VELOCITY_DYNAMODB_ENDPOINT", dynamo.toString());
		assertThat(environment("api")).containsEntry("VELOCITY_REDIS_HOST", "redis");
		assertThat(ports("redis")).contains("127.0.0.1:" + environment("api").get("VELOCITY_REDIS_PORT") + ":6379");
	}

	@Test
	void publishesTheBackingServersOnLoopbackOnly() {
		for (String server : List.of("redis", "elasticmq", "dynalite")) {
			assertThat(ports(server)).as(server)
				.isNotEmpty()
				.allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
		}
	}

	@Test
	void pointsTheApiAtAnIdentityProviderItMustBeGiven() {
		assertThat(environment("api").get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI").toString())
			.startsWith("${")
			.contains(":?");
		assertThat(environment("api").get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI").toString())
			.startsWith("${")
			.contains(":?");
	}

	@Test
	void runsRedisWithAppendOnlyFileSyncedEverySecond() {
		assertThat(services.get("redis").get("command").toString()).contains("--appendonly, yes")
			.contains("--appendfsync, everysec");
		assertThat(services.get("redis").get("image").toString()).startsWith("redis:7");
	}

	@Test
	void createsTheQueuesAndTableTheServicesUse() throws IOException {
		String queues = Files.readString(ServiceConfiguration.ROOT.resolve("infra/compose/elasticmq.conf"));
		assertThat(queues).contains(api.property("velocity.sqs.orders-queue") + " {",
				api.property("velocity.sqs.dead-letter-queue") + " {",
				"name = \"" + api.property("velocity.sqs.dead-letter-queue") + "\"",
				"maxReceiveCount = " + worker.property("velocity.worker.queue.max-receive-count"));
		assertThat(worker.property("velocity.worker.queue.orders-queue"))
			.isEqualTo(api.property("velocity.sqs.orders-queue"));
		String provision = services.get("provision").get("command").toString();
		assertThat(provision).contains("--table-name " + api.property("velocity.dynamodb.orders-table"),
				"IndexName=" + OrderTable.LISTING_INDEX,
				"{AttributeName=" + OrderTable.LISTED_UNDER + ",KeyType=HASH},{AttributeName=" + OrderTable.LISTED_AS
						+ ",KeyType=RANGE}],Projection={ProjectionType=KEYS_ONLY}",
				"AttributeName=" + OrderTable.ORDER_ID + ",KeyType=HASH");
		assertThat(worker.property("velocity.worker.dynamodb.orders-table"))
			.isEqualTo(api.property("velocity.dynamodb.orders-table"));
	}

}
