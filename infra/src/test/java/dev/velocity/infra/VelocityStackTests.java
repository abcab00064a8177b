package dev.velocity.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.velocity.orders.OrderTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Synthesizes the stack (offline, with node) and checks the resources Velocity relies on.
 */
class VelocityStackTests {

	private static final String CERTIFICATE = "arn:aws:acm:eu-west-1:123456789012:certificate/abc";

	private static final String JWKS = "https://login.shop.example/.well-known/jwks.json";

	private static Template template;

	@BeforeAll
	static void synthesize() {
		App app = new App();
		VelocityStack stack = new VelocityStack(app, "VelocityTest",
				StackProps.builder()
					.env(Environment.builder().account("123456789012").region("eu-west-1").build())
					.build(),
				new VelocityStack.Settings("test", CERTIFICATE, "https://login.shop.example/", JWKS, "velocity-api", 1,
						1));
		template = Template.fromStack(stack);
	}

	private static App appWith(Map<String, Object> context) {
		Map<String, Object> all = new HashMap<>(Map.of("certificateArn", CERTIFICATE, "identityIssuer",
				"https://login.shop.example/", "identityJwkSetUri", JWKS));
		all.putAll(context);
		return new App(AppProps.builder().context(all).build());
	}

	@Test
	@SuppressWarnings("unchecked")
	void keepsTheLogicalIdsOfTheStackAsDeployed() throws IOException {
		Map<String, Object> resources = (Map<String, Object>) template.toJSON().get("Resources");
		List<String> deployed = Files.readAllLines(Path.of("src", "test", "resources", "deployed-logical-ids.txt"))
			.stream()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.toList();
		assertThat(deployed).hasSizeGreaterThan(70);
		for (String line : deployed) {
			String type = line.substring(0, line.indexOf(' '));
			String id = line.substring(line.indexOf(' ') + 1);
			assertThat(resources).as(id).containsKey(id);
			assertThat(((Map<String, Object>) resources.get(id)).get("Type")).as(id).isEqualTo(type);
		}
		// A security group's description cannot change in place either.
		template.hasResourceProperties("AWS::EC2::SecurityGroup",
				Map.of("GroupDescription", "VelocityTest/Worker/SecurityGroup"));
		template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of("GroupDescription", "VelocityTest/ApiTasks"));
	}

	@Test
	void definesANetworkAndAFargateCluster() {
		template.resourceCountIs("AWS::EC2::VPC", 1);
		template.resourceCountIs("AWS::ECS::Cluster", 1);
		template.resourceCountIs("AWS::ECS::Service", 2);
		template.hasResourceProperties("AWS::ECS::Service", Map.of("LaunchType", "FARGATE"));
	}

	@Test
	void putsTheApiBehindALoadBalancerWithReadinessChecksSlowStartAndWebSocketFriendlyTimeouts() {
		// A new task: time to warm up before readiness, then a share that grows.
		template.hasResourceProperties("AWS::ECS::Service", Map.of("HealthCheckGracePeriodSeconds", 120));
		template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
				Match.objectLike(Map.of("HealthCheckPath", "/actuator/health/readiness", "HealthCheckPort",
						String.valueOf(VelocityStack.API_MANAGEMENT_PORT), "TargetGroupAttributes",
						Match.arrayWith(List.of(Map.of("Key", "deregistration_delay.timeout_seconds", "Value", "30"),
								Map.of("Key", "slow_start.duration_seconds", "Value", "60"))))));
		template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer",
				Match.objectLike(Map.of("LoadBalancerAttributes",
						Match.arrayWith(List.of(Map.of("Key", "idle_timeout.timeout_seconds", "Value", "120"))))));
	}

	@Test
	void scalesTheApiOnCpuAndRequestsAndTheWorkerOnQueueDepthAndAge() {
		template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
				Match.objectLike(Map.of("TargetTrackingScalingPolicyConfiguration",
						Match.objectLike(Map.of("PredefinedMetricSpecification",
								Map.of("PredefinedMetricType", "ECSServiceAverageCPUUtilization"))))));
		template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy",
				Match.objectLike(Map.of("TargetTrackingScalingPolicyConfiguration",
						Match.objectLike(Map.of("PredefinedMetricSpecification",
								Match.objectLike(Map.of("PredefinedMetricType", "ALBRequestCountPerTarget")))))));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("MetricName", "ApproximateNumberOfMessagesVisible", "Namespace", "AWS/SQS")));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("MetricName", "ApproximateAgeOfOldestMessage", "Namespace", "AWS/SQS")));
		List<String> stepPolicies = new ArrayList<>(template
			.findResources("AWS::ApplicationAutoScaling::ScalingPolicy",
					Map.of("Properties", Map.of("PolicyType", "StepScaling")))
			.keySet());
		assertThat(stepPolicies).anyMatch((id) -> id.contains("QueueDepth"))
			.anyMatch((id) -> id.contains("OldestMessageAge"));
	}

	@Test
	void definesTheQueueWithItsDeadLetterQueueAndAVisibilityTimeoutAboveTheWorkersWriteBudget() throws IOException {
		template.hasResourceProperties("AWS::SQS::Queue",
				Match.objectLike(
						Map.of("QueueName", VelocityStack.ORDERS_QUEUE, "VisibilityTimeout", 60, "RedrivePolicy",
								Match.objectLike(Map.of("maxReceiveCount", VelocityStack.MAX_RECEIVE_COUNT)))));
		template.hasResourceProperties("AWS::SQS::Queue", Match
			.objectLike(Map.of("QueueName", VelocityStack.DEAD_LETTER_QUEUE, "MessageRetentionPeriod", 1209600)));

		Duration writeBudget = workerSetting("api-call-timeout", "dynamodb");
		assertThat(Duration.ofSeconds(60)).isGreaterThan(writeBudget.multipliedBy(2));
		assertThat(workerSetting("max-receive-count", "queue"))
			.isEqualTo(Duration.ofMillis(VelocityStack.MAX_RECEIVE_COUNT));
	}

	@Test
	void definesTheOrdersTableOnDemandWithPointInTimeRecoveryAndTheListingIndex() {
		template.hasResourceProperties("AWS::DynamoDB::Table",
				Match.objectLike(Map.of("TableName", VelocityStack.ORDERS_TABLE, "BillingMode", "PAY_PER_REQUEST",
						"PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true), "KeySchema",
						List.of(Map.of("AttributeName", OrderTable.ORDER_ID, "KeyType", "HASH")),
						"GlobalSecondaryIndexes",
						List.of(Match.objectLike(Map.of("IndexName", OrderTable.LISTING_INDEX, "KeySchema",
								List.of(Map.of("AttributeName", OrderTable.LISTED_UNDER, "KeyType", "HASH"),
										Map.of("AttributeName", OrderTable.LISTED_AS, "KeyType", "RANGE")),
								"Projection", Map.of("ProjectionType", "KEYS_ONLY")))))));
	}

	@Test
	void definesADurableMultiAzRedisReachableOnlyFromTheApi() {
		template.hasResourceProperties("AWS::MemoryDB::Cluster",
				Match.objectLike(Map.of("NumReplicasPerShard", 1, "TLSEnabled", true)));
		template.hasResourceProperties("AWS::EC2::SecurityGroup",
				Match.objectLike(Map.of("GroupDescription", "MemoryDB: reachable from the API tasks only",
						"SecurityGroupIngress", List.of(Match.objectLike(Map.of("FromPort", 6379, "ToPort", 6379,
								"IpProtocol", "tcp", "SourceSecurityGroupId", Match.anyValue()))))));
	}

	@Test
	void takesTheRedisShardsAndReplicasFromContextValues() {
		assertThat(VelocityApp.settings(appWith(Map.of())))
			.extracting(VelocityStack.Settings::redisShards, VelocityStack.Settings::redisReplicasPerShard)
			.containsExactly(1, 1);
		App app = appWith(Map.of("redisShards", "4", "redisReplicasPerShard", 2));
		Template sharded = Template.fromStack(new VelocityStack(app, "VelocitySharded",
				StackProps.builder()
					.env(Environment.builder().account("123456789012").region("eu-west-1").build())
					.build(),
				VelocityApp.settings(app)));
		sharded.hasResourceProperties("AWS::MemoryDB::Cluster",
				Match.objectLike(Map.of("NumShards", 4, "NumReplicasPerShard", 2)));
		template.hasResourceProperties("AWS::MemoryDB::Cluster",
				Match.objectLike(Map.of("NumShards", 1, "NumReplicasPerShard", 1)));
		assertThatThrownBy(() -> VelocityApp.settings(appWith(Map.of("redisShards", "0"))))
			.hasMessageContaining("redisShards must be 1 to 500");
		assertThatThrownBy(() -> VelocityApp.settings(appWith(Map.of("redisReplicasPerShard", "6"))))
			.hasMessageContaining("redisReplicasPerShard must be 0 to 5");
		assertThatThrownBy(() -> VelocityApp.settings(appWith(Map.of("redisShards", "many"))))
			.hasMessageContaining("must be a whole number");
	}

	@Test
	void connectsToRedisAsAClusterClientWhateverTheShards() {
		template.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of("ContainerDefinitions",
				Match.arrayWith(List.of(Match.objectLike(Map.of("Environment", Match.arrayWith(List.of(Match
					.objectLike(Map.of("Name", "SPRING_DATA_REDIS_CLUSTER_NODES", "Value", Match.anyValue())))))))))));
		assertThat(String.valueOf(template.findResources("AWS::ECS::TaskDefinition")))
			.doesNotContain("SPRING_DATA_REDIS_HOST");
	}

	@Test
	void servesHttpsOnlyAndRedirectsPlainHttp() {
		template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of("Protocol",
				"HTTPS", "Port", 443, "Certificates", List.of(Map.of("CertificateArn", CERTIFICATE)))));
		template.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener",
				Match.objectLike(Map.of("Protocol", "HTTP", "Port", 80, "DefaultActions",
						List.of(Match.objectLike(Map.of("Type", "redirect", "RedirectConfig",
								Match.objectLike(Map.of("Protocol", "HTTPS", "StatusCode", "HTTP_301"))))))));
		// No listener forwards plain HTTP.
		template.findResources("AWS::ElasticLoadBalancingV2::Listener").values().forEach((listener) -> {
			String text = String.valueOf(listener);
			if (text.contains("Protocol=HTTP,") || text.contains("Protocol=HTTP}")) {
				assertThat(text).contains("redirect").doesNotContain("Type=forward");
			}
		});
	}

	@Test
	void routesOnlyTheApplicationPortAndKeepsTheActuatorOnTheManagementPort() {
		template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup",
				Match.objectLike(Map.of("Port", 80, "Protocol", "HTTP")));
		template.resourceCountIs("AWS::ElasticLoadBalancingV2::TargetGroup", 1);
		template.hasResourceProperties("AWS::ECS::TaskDefinition", Match
			.objectLike(Map.of("ContainerDefinitions", Match.arrayWith(List
				.of(Match.objectLike(Map.of("Name", "api", "Environment", Match.arrayWith(List.of(Map.of("Name",
						"MANAGEMENT_SERVER_PORT", "Value", String.valueOf(VelocityStack.API_MANAGEMENT_PORT)))))))))));
		template
			.hasResourceProperties("AWS::ECS::TaskDefinition",
					Match
						.objectLike(
								Map.of("ContainerDefinitions",
										Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "worker", "Environment",
												Match.arrayWith(List.of(Map.of("Name", "MANAGEMENT_SERVER_PORT",
														"Value",
														String.valueOf(VelocityStack.WORKER_MANAGEMENT_PORT)))))))))));
	}

	@Test
	void verifiesTokensOfTheConfiguredIdentityProvider() {
		assertApiEnvironment("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", "https://login.shop.example/");
		assertApiEnvironment("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", JWKS);
		assertApiEnvironment("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", "velocity-api");
	}

	private static void assertApiEnvironment(String name, String value) {
		template.hasResourceProperties("AWS::ECS::TaskDefinition",
				Match.objectLike(Map.of("ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of("Name",
						"api", "Environment", Match.arrayWith(List.of(Map.of("Name", name, "Value", value))))))))));
	}

	@Test
	void connectsToRedisAsAUserWhosePasswordIsInSecretsManager() {
		template.hasResourceProperties("AWS::MemoryDB::User", Match.objectLike(Map.of("UserName", DurableRedis.USER,
				"AuthenticationMode", Match.objectLike(Map.of("Type", "password")))));
		template.hasResourceProperties("AWS::MemoryDB::ACL",
				Match.objectLike(Map.of("ACLName", "velocity", "UserNames", List.of(DurableRedis.USER))));
		template.hasResourceProperties("AWS::MemoryDB::Cluster", Match.objectLike(Map.of("ACLName", "velocity")));
		assertThat(String.valueOf(template.findResources("AWS::MemoryDB::Cluster"))).doesNotContain("open-access");
		// The password is a Secrets Manager reference, never a literal in the template.
		assertThat(String.valueOf(template.findResources("AWS::MemoryDB::User"))).contains("resolve:secretsmanager");
		template.hasResourceProperties("AWS::ECS::TaskDefinition",
				Match.objectLike(Map.of("ContainerDefinitions", Match.arrayWith(List.of(Match.objectLike(Map.of("Name",
						"api", "Secrets",
						Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "SPRING_DATA_REDIS_PASSWORD")))))))))));
		// One admission key for every task, from Secrets Manager too.
		template.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of("ContainerDefinitions",
				Match.arrayWith(List.of(Match.objectLike(Map.of("Name", "api", "Secrets", Match
					.arrayWith(List.of(Match.objectLike(Map.of("Name", "VELOCITY_WAITINGROOM_TOKENSECRET")))))))))));
	}

	@Test
	@SuppressWarnings("unchecked")
	void configuresTheServicesOnlyWithVariablesTheyUnderstand() {
		ServiceConfiguration api = new ServiceConfiguration("api-service");
		ServiceConfiguration worker = new ServiceConfiguration("order-worker");
		template.findResources("AWS::ECS::TaskDefinition").values().forEach((definition) -> {
			Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) definition).get("Properties");
			for (Object container : (List<Object>) properties.get("ContainerDefinitions")) {
				Map<String, Object> spec = (Map<String, Object>) container;
				ServiceConfiguration service = "api".equals(spec.get("Name")) ? api : worker;
				List<Object> variables = new ArrayList<>();
				variables.addAll((List<Object>) spec.getOrDefault("Environment", List.of()));
				variables.addAll((List<Object>) spec.getOrDefault("Secrets", List.of()));
				assertThat(variables).isNotEmpty();
				for (Object variable : variables) {
					String name = ((Map<String, Object>) variable).get("Name").toString();
					assertThat(service.understands(name)).as(spec.get("Name") + " understands " + name).isTrue();
				}
			}
		});
	}

	@Test
	void givesEachTaskRoleOnlyTheCallsItsServiceMakes() {
		String apiActions = policyActions("ApiTaskDef");
		String workerActions = policyActions("WorkerTask");
		assertThat(apiActions).contains("sqs:SendMessage", "dynamodb:GetItem", "dynamodb:Query")
			.doesNotContain("dynamodb:DeleteItem", "dynamodb:UpdateItem", "sqs:*", "dynamodb:*");
		// The API puts sale definitions only (their keys start with sale#), never orders.
		assertThat(apiActions).contains("dynamodb:PutItem", "dynamodb:LeadingKeys", "sale#*");
		assertThat(workerActions).contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "dynamodb:PutItem")
			.doesNotContain("sqs:SendMessage", "dynamodb:DeleteItem", "dynamodb:Scan", "sqs:*", "dynamodb:*");
	}

	@Test
	void alarmsOnDeadLettersBacklogAge5xxRateAndReconciliationDrift() {
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("MetricName", "ApproximateNumberOfMessagesVisible", "Threshold", 0,
						"AlarmActions", Match.anyValue(), "Dimensions",
						List.of(Map.of("Name", "QueueName", "Value", Match.anyValue())))));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("MetricName", "ApproximateAgeOfOldestMessage", "Threshold", 120)));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("AlarmDescription", "More than 1% of API answers are 5xx", "Metrics", Match
					.arrayWith(List.of(Match.objectLike(Map.of("Expression", "100 * errors / MAX([requests, 1])")))))));
		template.hasResourceProperties("AWS::CloudWatch::Alarm",
				Match.objectLike(Map.of("MetricName", "velocity.reconciliation.drift", "Namespace", "Velocity")));
		// ... counted from the API's JSON log lines about persistent drift.
		template.hasResourceProperties("AWS::Logs::MetricFilter", Match.objectLike(Map
			.of("FilterPattern", "{ $.message = \"*has drifted*\" }", "MetricTransformations", List.of(Match
				.objectLike(Map.of("MetricName", "velocity.reconciliation.drift", "MetricNamespace", "Velocity"))))));
	}

	private static String policyActions(String rolePrefix) {
		StringBuilder actions = new StringBuilder();
		template.findResources("AWS::IAM::Policy").forEach((id, policy) -> {
			String text = String.valueOf(policy);
			if (text.contains(rolePrefix) && text.contains("TaskRole")) {
				actions.append(text);
			}
		});
		assertThat(actions).as("a task role policy for " + rolePrefix).isNotEmpty();
		return actions.toString();
	}

	/**
	 * A setting of the worker's application.yml, as a duration (plain numbers as millis).
	 */
	private static Duration workerSetting(String key, String section) throws IOException {
		List<String> lines = Files
			.readAllLines(Path.of("..", "order-worker", "src", "main", "resources", "application.yml"));
		boolean inSection = false;
		for (String line : lines) {
			if (line.trim().equals(section + ":")) {
				inSection = true;
			}
			else if (inSection && line.trim().startsWith(key + ":")) {
				String value = line.substring(line.indexOf(':') + 1).trim();
				return value.matches("\\d+") ? Duration.ofMillis(Long.parseLong(value))
						: DurationStyle.detectAndParse(value);
			}
		}
		throw new IllegalStateException(key + " not found under " + section);
	}

}
