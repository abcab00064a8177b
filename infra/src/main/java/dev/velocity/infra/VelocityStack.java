package dev.velocity.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Velocity on AWS: a VPC; an ECS Fargate cluster with the API behind an ALB and the order
 * worker; the orders queue with its DLQ; the orders table; a durable Redis (MemoryDB);
 * HTTPS only at the edge; the actuator on a management port the load balancer does not
 * route; the Redis password in Secrets Manager; least-privilege task roles; alarms.
 * Shoppers and admins are the shop's identity provider's (its issuer and JWK set are
 * deploy settings).
 *
 * <p>
 * The stack wires the network (VPC, cluster, the API tasks' security group) and its
 * parts, each a construct of its own: {@link OrdersQueue}, {@link OrdersTable},
 * {@link DurableRedis}, {@link ApiService}, {@link WorkerService} and {@link Alarms}, and
 * grants each task role exactly the calls its service makes.
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
	 * @param redisShards MemoryDB shards ({@code redisShards}, by default 1): each is one
	 * Redis thread; see the README for how many a number of concurrent sales needs
	 * @param redisReplicasPerShard replicas of each shard ({@code redisReplicasPerShard},
	 * by default 1): a shard without one is down until MemoryDB replaces its node
	 */
	public record Settings(String imageTag, String certificateArn, String identityIssuer, String identityJwkSetUri,
			String identityAudience, int redisShards, int redisReplicasPerShard) {

		public Settings {
			// MemoryDB's limits: up to 500 shards, 0 to 5 replicas each.
			if (redisShards < 1 || redisShards > 500) {
				throw new IllegalArgumentException("redisShards must be 1 to 500, not " + redisShards);
			}
			if (redisReplicasPerShard < 0 || redisReplicasPerShard > 5) {
				throw new IllegalArgumentException(
						"redisReplicasPerShard must be 0 to 5, not " + redisReplicasPerShard);
			}
		}

	}

	public VelocityStack(Construct scope, String id, StackProps props, Settings settings) {
		super(scope, id, props);
		Vpc vpc = Vpc.Builder.create(this, "Vpc").maxAzs(2).natGateways(1).build();
		Cluster cluster = Cluster.Builder.create(this, "Cluster")
			.vpc(vpc)
			.containerInsightsV2(ContainerInsights.ENABLED)
			.build();
		// The API's tasks' group is the network's: Redis admits it, the API runs in it.
		SecurityGroup apiTasks = SecurityGroup.Builder.create(this, "ApiTasks").vpc(vpc).build();

		OrdersQueue queue = new OrdersQueue(this, "OrdersQueue");
		OrdersTable table = new OrdersTable(this, "OrdersTable");
		DurableRedis redis = new DurableRedis(this, "DurableRedis", vpc, apiTasks, settings);
		ApiService api = new ApiService(this, "Api", cluster, apiTasks, redis, settings);
		WorkerService worker = new WorkerService(this, "Worker", cluster, queue.orders(), settings.imageTag());
		new Alarms(this, "Alarms", queue, api.service().getLoadBalancer());

		// Least privilege: each task role gets exactly the calls its service makes.
		queue.orders().grantSendMessages(api.taskRole());
		queue.deadLetters().grantConsumeMessages(api.taskRole());
		table.table().grantReadData(api.taskRole());
		// The API keeps each sale's definition in the table (to rebuild a sale Redis
		// lost): it may put those items only, never an order.
		api.taskRole()
			.addToPrincipalPolicy(PolicyStatement.Builder.create()
				.actions(List.of("dynamodb:PutItem"))
				.resources(List.of(table.table().getTableArn()))
				.conditions(Map.of("ForAllValues:StringLike", Map.of("dynamodb:LeadingKeys", List.of("sale#*"))))
				.build());
		queue.orders().grantConsumeMessages(worker.taskRole());
		queue.deadLetters().grant(worker.taskRole(), "sqs:GetQueueUrl", "sqs:GetQueueAttributes");
		table.table().grant(worker.taskRole(), "dynamodb:PutItem");
	}

	/**
	 * CDK's logical ID, but for the {@link StackPart}s' ids: a part leaves its id out of
	 * its resources' IDs unless the path goes on through its {@code Default} child.
	 */
	@Override
	protected String allocateLogicalId(CfnElement element) {
		List<IConstruct> scopes = element.getNode().getScopes();
		int first = this.getNode().getScopes().size();
		List<String> path = new ArrayList<>();
		for (int i = first; i < scopes.size(); i++) {
			IConstruct scope = scopes.get(i);
			boolean throughDefault = i + 1 < scopes.size() && "Default".equals(scopes.get(i + 1).getNode().getId());
			if (!(scope instanceof StackPart) || throughDefault) {
				path.add(scope.getNode().getId());
			}
		}
		return LogicalIds.of(path);
	}

	static MetricOptions perMinute() {
		return MetricOptions.builder().period(Duration.minutes(1)).statistic("Maximum").build();
	}

}
