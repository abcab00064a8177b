package dev.velocity.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The API on Fargate behind an application load balancer: HTTPS only (port 80 answers
 * with a redirect), readiness checked on the management port that no listener routes,
 * scaled on CPU and on requests, its logs counted for the reconciler's drift alarm.
 */
final class ApiService extends Construct implements StackPart {

	private final ApplicationLoadBalancedFargateService service;

	ApiService(Construct scope, String id, ICluster cluster, ISecurityGroup securityGroup, DurableRedis redis,
			VelocityStack.Settings settings) {
		super(scope, id);
		LogGroup logs = LogGroup.Builder.create(this, "ApiLogs")
			.retention(RetentionDays.ONE_MONTH)
			.removalPolicy(RemovalPolicy.DESTROY)
			.build();
		// The reconciler logs (JSON) each pass that finds a sale's drift beyond its
		// bound:
		// counted here as the metric the drift alarm watches.
		MetricFilter.Builder.create(this, "ReconciliationDriftFilter")
			.logGroup(logs)
			.filterPattern(FilterPattern.stringValue("$.message", "=", "*has drifted*"))
			.metricNamespace(VelocityStack.METRICS_NAMESPACE)
			.metricName("velocity.reconciliation.drift")
			.metricValue("1")
			.defaultValue(0)
			.build();
		// Every task signs and checks waiting-room admissions with this one key.
		software.amazon.awscdk.services.secretsmanager.Secret admissionKey = software.amazon.awscdk.services.secretsmanager.Secret.Builder
			.create(this, "AdmissionKey")
			.description("Key the API's tasks sign waiting-room admissions with")
			.generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(64).build())
			.build();
		this.service = ApplicationLoadBalancedFargateService.Builder.create(this, "Default")
			.cluster(cluster)
			.cpu(2048)
			.memoryLimitMiB(4096)
			.desiredCount(2)
			// Start, the warm-up before readiness (velocity.warm-up.duration, 20 s) and
			// two
			// passing health checks.
			.healthCheckGracePeriod(Duration.seconds(120))
			.securityGroups(List.of(securityGroup))
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			// HTTPS only: bearer tokens never cross the internet in clear text.
			.protocol(ApplicationProtocol.HTTPS)
			.certificate(Certificate.fromCertificateArn(this, "ApiCertificate", settings.certificateArn()))
			.sslPolicy(SslPolicy.RECOMMENDED_TLS)
			.redirectHttp(true)
			.taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
				.image(ContainerImage.fromEcrRepository(
						Repository.fromRepositoryName(this, "ApiImages", "velocity-api"), settings.imageTag()))
				.containerName("api")
				.containerPort(8080)
				.environment(new TreeMap<>(Map.ofEntries(
						Map.entry("SPRING_DATA_REDIS_CLUSTER_NODES", redis.endpoint() + ":6379"),
						Map.entry("SPRING_DATA_REDIS_SSL_ENABLED", "true"),
						Map.entry("SPRING_DATA_REDIS_USERNAME", DurableRedis.USER),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", settings.identityIssuer()),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", settings.identityJwkSetUri()),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", settings.identityAudience()),
						// The load balancer is in the VPC: its X-Forwarded-For entry is
						// the
						// one believed.
						Map.entry("VELOCITY_HTTP_TRUSTEDPROXIES", cluster.getVpc().getVpcCidrBlock()),
						Map.entry("MANAGEMENT_SERVER_PORT", String.valueOf(VelocityStack.API_MANAGEMENT_PORT)),
						Map.entry("VELOCITY_SQS_ORDERSQUEUE", VelocityStack.ORDERS_QUEUE),
						Map.entry("VELOCITY_SQS_DEADLETTERQUEUE", VelocityStack.DEAD_LETTER_QUEUE),
						Map.entry("VELOCITY_DYNAMODB_ORDERSTABLE", VelocityStack.ORDERS_TABLE),
						Map.entry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))))
				.secrets(new TreeMap<>(Map.of("SPRING_DATA_REDIS_PASSWORD", Secret.fromSecretsManager(redis.password()),
						"VELOCITY_WAITINGROOM_TOKENSECRET", Secret.fromSecretsManager(admissionKey))))
				.logDriver(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("api").logGroup(logs).build()))
				.build())
			.build();
		// Health checks reach the management port from the balancer; listeners route only
		// the application port.
		this.service.getTaskDefinition()
			.getDefaultContainer()
			.addPortMappings(PortMapping.builder().containerPort(VelocityStack.API_MANAGEMENT_PORT).build());
		this.service.getService()
			.getConnections()
			.allowFrom(this.service.getLoadBalancer(), Port.tcp(VelocityStack.API_MANAGEMENT_PORT), "health checks");
		this.service.getTargetGroup()
			.configureHealthCheck(HealthCheck.builder()
				.port(String.valueOf(VelocityStack.API_MANAGEMENT_PORT))
				.path("/actuator/health/readiness")
				.healthyHttpCodes("200")
				.interval(Duration.seconds(10))
				.healthyThresholdCount(2)
				.unhealthyThresholdCount(3)
				.build());
		// Long-lived STOMP WebSockets: a generous idle timeout (heart-beats are 10 s),
		// and
		// a short drain so deployments do not wait minutes on open sockets.
		this.service.getLoadBalancer().setAttribute("idle_timeout.timeout_seconds", "120");
		this.service.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");
		// A task autoscaling adds mid-storm gets a share that grows over a minute, not a
		// full share the moment it passes readiness (round robin, the default, which slow
		// start needs).
		this.service.getTargetGroup().setAttribute("slow_start.duration_seconds", "60");
		ScalableTaskCount scaling = this.service.getService()
			.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(20).build());
		scaling.scaleOnCpuUtilization("Cpu",
				CpuUtilizationScalingProps.builder()
					.targetUtilizationPercent(60)
					.scaleOutCooldown(Duration.seconds(30))
					.build());
		scaling.scaleOnRequestCount("Requests",
				RequestCountScalingProps.builder()
					.requestsPerTarget(60_000)
					.targetGroup(this.service.getTargetGroup())
					.scaleOutCooldown(Duration.seconds(30))
					.build());
	}

	IRole taskRole() {
		return this.service.getTaskDefinition().getTaskRole();
	}

	ApplicationLoadBalancedFargateService service() {
		return this.service;
	}

}
