package dev.velocity.infra;

import java.util.List;
import java.util.Map;

import dev.velocity.orders.OrderTable;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.memorydb.CfnACL;
import software.amazon.awscdk.services.memorydb.CfnCluster;
import software.amazon.awscdk.services.memorydb.CfnUser;
import software.amazon.awscdk.services.memorydb.CfnSubnetGroup;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Velocity on AWS: a VPC; an ECS Fargate cluster with the API behind an ALB and the order
 * worker; the orders queue with its DLQ; the orders table; a durable Redis (MemoryDB);
 * HTTPS only at the edge; the actuator on a management port the load balancer does not
 * route; the Redis password in Secrets Manager; least-privilege task roles; alarms.
 * Shoppers and admins are the shop's identity provider's (its issuer and JWK set are
 * deploy settings).
 *
 * <p>
 * Redis is Amazon MemoryDB rather than ElastiCache: MemoryDB writes every command to a
 * Multi-AZ transaction log before acknowledging it, so a failover loses no acknowledged
 * purchase (the Redis record is the order's first home, before SQS has it). ElastiCache
 * replicates asynchronously: cheaper and a little faster per write, but a failover can
 * lose the last acknowledged writes, which Velocity would then have to rebuild from
 * DynamoDB.
 */
public class VelocityStack extends Stack {

	/** Names shared with the services' configuration (their defaults). */
	static final String ORDERS_QUEUE = "velocity-orders";

	static final String DEAD_LETTER_QUEUE = "velocity-orders-dlq";

	static final String ORDERS_TABLE = "velocity-orders";

	/** Redrive after this many receives, as the worker's {@code max-receive-count}. */
	static final int MAX_RECEIVE_COUNT = 5;

	/** Above the worker's write budget (10 s per write) with room for a full batch. */
	static final Duration VISIBILITY_TIMEOUT = Duration.seconds(60);

	/** Metric namespace of the services' own CloudWatch metrics. */
	static final String METRICS_NAMESPACE = "Velocity";

	/** The API's and the worker's actuator ports (probes, metrics): never routed. */
	static final int API_MANAGEMENT_PORT = 8090;

	static final int WORKER_MANAGEMENT_PORT = 8091;

	/** The MemoryDB user the API connects as. */
	static final String REDIS_USER = "velocity-api";

	/**
	 * Deployment settings (context values, {@code -c name=value}).
	 *
	 * @param imageTag tag of the images in the {@code velocity-api} and
	 * {@code velocity-worker} ECR repositories
	 * @param certificateArn the ACM certificate of the shop's API domain
	 * ({@code certificateArn})
	 * @param identityIssuer the identity provider's issuer, as its tokens name it
	 * ({@code identityIssuer})
	 * @param identityJwkSetUri where its public keys are ({@code identityJwkSetUri})
	 * @param identityAudience the audience its tokens for this API carry
	 * ({@code identityAudience}, by default {@code velocity-api})
	 */
	public record Settings(String imageTag, String certificateArn, String identityIssuer, String identityJwkSetUri,
			String identityAudience) {

	}

	public VelocityStack(Construct scope, String id, StackProps props, Settings settings) {
		super(scope, id, props);

		Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.vpc(vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();

		Queue deadLetters = Queue.Builder.create(this, "OrdersDeadLetters")
			.queueName(DEAD_LETTER_QUEUE)
			.retentionPeriod(Duration.days(14))
			.encryption(QueueEncryption.SQS_MANAGED)
			.build();
		Queue orders = Queue.Builder.create(this, "Orders")
			.queueName(ORDERS_QUEUE)
			.visibilityTimeout(VISIBILITY_TIMEOUT)
			.retentionPeriod(Duration.days(14))
			.encryption(QueueEncryption.SQS_MANAGED)
			.deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
			.build();

		Table table = Table.Builder.create(this, "OrdersTable")
			.tableName(ORDERS_TABLE)
			.partitionKey(Attribute.builder().name(OrderTable.ORDER_ID).type(AttributeType.STRING).build())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.pointInTimeRecoverySpecification(
					PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
			.deletionProtection(true)
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
			.indexName(OrderTable.LISTING_INDEX)
			.partitionKey(Attribute.builder().name(OrderTable.LISTED_UNDER).type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name(OrderTable.LISTED_AS).type(AttributeType.STRING).build())
			.projectionType(ProjectionType.KEYS_ONLY)
			.build());

		// MemoryDB passwords: 16 to 128 printable characters; letters and digits here.
		software.amazon.awscdk.services.secretsmanager.Secret redisPassword = software.amazon.awscdk.services.secretsmanager.Secret.Builder
			.create(this, "RedisPassword")
			.description("Password of the MemoryDB user " + REDIS_USER)
			.generateSecretString(SecretStringGenerator.builder().excludePunctuation(true).passwordLength(48).build())
			.build();

		SecurityGroup apiSecurityGroup = SecurityGroup.Builder.create(this, "ApiTasks").vpc(vpc).build();
		SecurityGroup redisSecurityGroup = SecurityGroup.Builder.create(this, "Redis")
			.vpc(vpc)
			.description("MemoryDB: reachable from the API tasks only")
			.allowAllOutbound(false)
			.build();
		redisSecurityGroup.addIngressRule(Peer.securityGroupId(apiSecurityGroup.getSecurityGroupId()), Port.tcp(6379),
				"API tasks");
		CfnSubnetGroup redisSubnets = CfnSubnetGroup.Builder.create(this, "RedisSubnets")
			.subnetGroupName("velocity-redis")
			.subnetIds(vpc.selectSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
				.getSubnetIds())
			.build();
		// A user of its own with a password (no open-access ACL): a task that can reach
		// the
		// port still needs the secret.
		CfnUser redisUser = CfnUser.Builder.create(this, "RedisUser")
			.userName(REDIS_USER)
			.accessString("on ~* &* +@all")
			.authenticationMode(
					Map.of("Type", "password", "Passwords", List.of(redisPassword.getSecretValue().unsafeUnwrap())))
			.build();
		CfnACL redisAcl = CfnACL.Builder.create(this, "RedisAcl")
			.aclName("velocity")
			.userNames(List.of(REDIS_USER))
			.build();
		redisAcl.addDependency(redisUser);
		CfnCluster redis = CfnCluster.Builder.create(this, "RedisCluster")
			.clusterName("velocity")
			.engine("valkey")
			.engineVersion("7.2")
			.nodeType("db.r7g.large")
			.numShards(1)
			.numReplicasPerShard(1)
			.tlsEnabled(true)
			.aclName(redisAcl.getAclName())
			.subnetGroupName(redisSubnets.getSubnetGroupName())
			.securityGroupIds(List.of(redisSecurityGroup.getSecurityGroupId()))
			.snapshotRetentionLimit(7)
			.build();
		redis.addDependency(redisSubnets);
		redis.addDependency(redisAcl);

		IRepository apiImages = Repository.fromRepositoryName(this, "ApiImages", "velocity-api");
		IRepository workerImages = Repository.fromRepositoryName(this, "WorkerImages", "velocity-worker");

		LogGroup apiLogs = LogGroup.Builder.create(this, "ApiLogs")
			.retention(RetentionDays.ONE_MONTH)
			.removalPolicy(RemovalPolicy.DESTROY)
			.build();
		// The reconciler logs (JSON) each pass that finds a sale's drift beyond its
		// bound: counted
		// here as the metric the drift alarm watches.
		MetricFilter.Builder.create(this, "ReconciliationDriftFilter")
			.logGroup(apiLogs)
			.filterPattern(FilterPattern.stringValue("$.message", "=", "*has drifted*"))
			.metricNamespace(METRICS_NAMESPACE)
			.metricName("velocity.reconciliation.drift")
			.metricValue("1")
			.defaultValue(0)
			.build();

		ApplicationLoadBalancedFargateService api = ApplicationLoadBalancedFargateService.Builder.create(this, "Api")
			.cluster(cluster)
			.cpu(2048)
			.memoryLimitMiB(4096)
			.desiredCount(2)
			.securityGroups(List.of(apiSecurityGroup))
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			// HTTPS only: bearer tokens never cross the internet in clear text; port 80
			// answers with a redirect.
			.protocol(ApplicationProtocol.HTTPS)
			.certificate(Certificate.fromCertificateArn(this, "ApiCertificate", settings.certificateArn()))
			.sslPolicy(SslPolicy.RECOMMENDED_TLS)
			.redirectHttp(true)
			.taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
				.image(ContainerImage.fromEcrRepository(apiImages, settings.imageTag()))
				.containerName("api")
				.containerPort(8080)
				.environment(Map.ofEntries(Map.entry("SPRING_DATA_REDIS_HOST", redis.getAttrClusterEndpointAddress()),
						Map.entry("SPRING_DATA_REDIS_PORT", "6379"), Map.entry("SPRING_DATA_REDIS_SSL_ENABLED", "true"),
						Map.entry("SPRING_DATA_REDIS_USERNAME", REDIS_USER),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI", settings.identityIssuer()),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWKSETURI", settings.identityJwkSetUri()),
						Map.entry("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES", settings.identityAudience()),
						// The load balancer is in the VPC: its X-Forwarded-For entry is
						// the one
						// believed.
						Map.entry("VELOCITY_HTTP_TRUSTEDPROXIES", vpc.getVpcCidrBlock()),
						Map.entry("MANAGEMENT_SERVER_PORT", String.valueOf(API_MANAGEMENT_PORT)),
						Map.entry("VELOCITY_SQS_ORDERSQUEUE", ORDERS_QUEUE),
						Map.entry("VELOCITY_SQS_DEADLETTERQUEUE", DEAD_LETTER_QUEUE),
						Map.entry("VELOCITY_DYNAMODB_ORDERSTABLE", ORDERS_TABLE),
						Map.entry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")))
				.secrets(Map.of("SPRING_DATA_REDIS_PASSWORD", Secret.fromSecretsManager(redisPassword)))
				.logDriver(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("api").logGroup(apiLogs).build()))
				.build())
			.build();
		// Health checks reach the management port from the balancer; listeners route only
		// the application port.
		api.getTaskDefinition()
			.getDefaultContainer()
			.addPortMappings(PortMapping.builder().containerPort(API_MANAGEMENT_PORT).build());
		api.getService()
			.getConnections()
			.allowFrom(api.getLoadBalancer(), Port.tcp(API_MANAGEMENT_PORT), "health checks");
		api.getTargetGroup()
			.configureHealthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
				.port(String.valueOf(API_MANAGEMENT_PORT))
				.path("/actuator/health/readiness")
				.healthyHttpCodes("200")
				.interval(Duration.seconds(10))
				.healthyThresholdCount(2)
				.unhealthyThresholdCount(3)
				.build());
		// Long-lived STOMP WebSockets: a generous idle timeout (heartbeats are 10 s), and
		// a short
		// drain so deployments do not wait minutes on open sockets.
		api.getLoadBalancer().setAttribute("idle_timeout.timeout_seconds", "120");
		api.getTargetGroup().setAttribute("deregistration_delay.timeout_seconds", "30");
		ScalableTaskCount apiScaling = api.getService()
			.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(20).build());
		apiScaling.scaleOnCpuUtilization("Cpu",
				CpuUtilizationScalingProps.builder()
					.targetUtilizationPercent(60)
					.scaleOutCooldown(Duration.seconds(30))
					.build());
		apiScaling.scaleOnRequestCount("Requests",
				RequestCountScalingProps.builder()
					.requestsPerTarget(60_000)
					.targetGroup(api.getTargetGroup())
					.scaleOutCooldown(Duration.seconds(30))
					.build());

		FargateTaskDefinition workerTask = FargateTaskDefinition.Builder.create(this, "WorkerTask")
			.cpu(1024)
			.memoryLimitMiB(2048)
			.build();
		workerTask.addContainer("worker", ContainerDefinitionOptions.builder()
			.image(ContainerImage.fromEcrRepository(workerImages, settings.imageTag()))
			.environment(Map.of("MANAGEMENT_SERVER_PORT", String.valueOf(WORKER_MANAGEMENT_PORT),
					"VELOCITY_WORKER_QUEUE_ORDERSQUEUE", ORDERS_QUEUE, "VELOCITY_WORKER_QUEUE_DEADLETTERQUEUE",
					DEAD_LETTER_QUEUE, "VELOCITY_WORKER_QUEUE_MAXRECEIVECOUNT", String.valueOf(MAX_RECEIVE_COUNT),
					"VELOCITY_WORKER_DYNAMODB_ORDERSTABLE", ORDERS_TABLE, "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"))
			.healthCheck(HealthCheck.builder()
				.command(List.of("CMD-SHELL",
						"curl -fsS http://localhost:" + WORKER_MANAGEMENT_PORT
								+ "/actuator/health/readiness || exit 1"))
				.startPeriod(Duration.seconds(60))
				.build())
			.logging(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("worker").build()))
			.stopTimeout(Duration.seconds(60))
			.build());
		FargateService worker = FargateService.Builder.create(this, "Worker")
			.cluster(cluster)
			.taskDefinition(workerTask)
			.desiredCount(2)
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			.build();
		ScalableTaskCount workerScaling = worker
			.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(20).build());
		workerScaling.scaleOnMetric("QueueDepth",
				software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps.builder()
					.metric(orders.metricApproximateNumberOfMessagesVisible(perMinute()))
					.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
					.scalingSteps(List.of(ScalingInterval.builder().upper(100).change(-1).build(),
							ScalingInterval.builder().lower(5_000).change(1).build(),
							ScalingInterval.builder().lower(50_000).change(4).build()))
					.build());
		workerScaling.scaleOnMetric("OldestMessageAge",
				software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps.builder()
					.metric(orders.metricApproximateAgeOfOldestMessage(perMinute()))
					.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
					.scalingSteps(List.of(ScalingInterval.builder().upper(10).change(0).build(),
							ScalingInterval.builder().lower(30).change(2).build(),
							ScalingInterval.builder().lower(120).change(4).build()))
					.build());

		// Least privilege: each task role gets exactly the calls its service makes.
		orders.grantSendMessages(api.getTaskDefinition().getTaskRole());
		deadLetters.grantConsumeMessages(api.getTaskDefinition().getTaskRole());
		table.grantReadData(api.getTaskDefinition().getTaskRole());
		// The API keeps each sale's definition in the table (to rebuild a sale Redis
		// lost): it may
		// put those items only, never an order.
		api.getTaskDefinition()
			.getTaskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.actions(List.of("dynamodb:PutItem"))
				.resources(List.of(table.getTableArn()))
				.conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("sale#*"))))
				.build());
		orders.grantConsumeMessages(workerTask.getTaskRole());
		deadLetters.grant(workerTask.getTaskRole(), "sqs:GetQueueUrl", "sqs:GetQueueAttributes");
		table.grant(workerTask.getTaskRole(), "dynamodb:PutItem");

		Topic alarms = Topic.Builder.create(this, "Alarms").displayName("Velocity alarms").build();
		alarm("DeadLettersWaiting", "Orders in the DLQ: the worker could not store them",
				deadLetters.metricApproximateNumberOfMessagesVisible(perMinute()), 0, 1, alarms);
		alarm("BacklogAge", "The oldest order on the queue waits for more than 2 minutes",
				orders.metricApproximateAgeOfOldestMessage(perMinute()), 120, 3, alarms);
		alarm("Api5xxRate", "More than 1% of API answers are 5xx", MathExpression.Builder.create()
			.expression("100 * errors / MAX([requests, 1])")
			.usingMetrics(Map.of("errors",
					api.getLoadBalancer().getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, perMinute()),
					"requests", api.getLoadBalancer().getMetrics().requestCount(perMinute())))
			.period(Duration.minutes(1))
			.build(), 1, 3, alarms);
		alarm("ReconciliationDrift", "A sale's books do not balance (initial != remaining + orders) for 5 minutes",
				Metric.Builder.create()
					.namespace(METRICS_NAMESPACE)
					.metricName("velocity.reconciliation.drift")
					.statistic("Sum")
					.period(Duration.minutes(5))
					.build(),
				0, 1, alarms);
	}

	private static MetricOptions perMinute() {
		return MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
	}

	private void alarm(String id, String description, IMetric metric, double threshold, int periods, Topic topic) {
		Alarm alarm = Alarm.Builder.create(this, id)
			.alarmDescription(description)
			.metric(metric)
			.threshold(threshold)
			.evaluationPeriods(periods)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build();
		alarm.addAlarmAction(new SnsAction(topic));
	}

}
