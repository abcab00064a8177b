package dev.velocity.infra;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.ec2.CfnSecurityGroup;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * The order worker on Fargate: no load balancer (it only polls), its readiness checked
 * inside the container, scaled in steps on the orders queue's depth and its oldest
 * message's age, with a minute to finish its batches when stopped.
 */
final class WorkerService extends Construct implements StackPart {

	private final FargateTaskDefinition task;

	WorkerService(Construct scope, String id, ICluster cluster, IQueue orders, String imageTag) {
		super(scope, id);
		this.task = FargateTaskDefinition.Builder.create(this, "WorkerTask").cpu(1024).memoryLimitMiB(2048).build();
		this.task.addContainer("worker", ContainerDefinitionOptions.builder()
			.image(ContainerImage
				.fromEcrRepository(Repository.fromRepositoryName(this, "WorkerImages", "velocity-worker"), imageTag))
			.environment(new TreeMap<>(Map.of("MANAGEMENT_SERVER_PORT",
					String.valueOf(VelocityStack.WORKER_MANAGEMENT_PORT), "VELOCITY_WORKER_QUEUE_ORDERSQUEUE",
					VelocityStack.ORDERS_QUEUE, "VELOCITY_WORKER_QUEUE_DEADLETTERQUEUE",
					VelocityStack.DEAD_LETTER_QUEUE, "VELOCITY_WORKER_QUEUE_MAXRECEIVECOUNT",
					String.valueOf(VelocityStack.MAX_RECEIVE_COUNT), "VELOCITY_WORKER_DYNAMODB_ORDERSTABLE",
					VelocityStack.ORDERS_TABLE, "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")))
			.healthCheck(HealthCheck.builder()
				.command(List.of("CMD-SHELL",
						"curl -fsS http://localhost:" + VelocityStack.WORKER_MANAGEMENT_PORT
								+ "/actuator/health/readiness || exit 1"))
				.startPeriod(Duration.seconds(60))
				.build())
			.logging(LogDriver.awsLogs(AwsLogDriverProps.builder().streamPrefix("worker").build()))
			.stopTimeout(Duration.seconds(60))
			.build());
		FargateService service = FargateService.Builder.create(this, "Default")
			.cluster(cluster)
			.taskDefinition(this.task)
			.desiredCount(2)
			.circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
			.build();
		// CloudFormation replaces a security group whose description changes, and CDK
		// describes a service's own group by its path: keep the one it was deployed with.
		((CfnSecurityGroup) service.getNode().findChild("SecurityGroup").getNode().getDefaultChild())
			.setGroupDescription(getNode().getPath() + "/SecurityGroup");
		ScalableTaskCount scaling = service
			.autoScaleTaskCount(EnableScalingProps.builder().minCapacity(2).maxCapacity(20).build());
		scaling.scaleOnMetric("QueueDepth",
				BasicStepScalingPolicyProps.builder()
					.metric(orders.metricApproximateNumberOfMessagesVisible(VelocityStack.perMinute()))
					.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
					.scalingSteps(List.of(ScalingInterval.builder().upper(100).change(-1).build(),
							ScalingInterval.builder().lower(5_000).change(1).build(),
							ScalingInterval.builder().lower(50_000).change(4).build()))
					.build());
		scaling.scaleOnMetric("OldestMessageAge",
				BasicStepScalingPolicyProps.builder()
					.metric(orders.metricApproximateAgeOfOldestMessage(VelocityStack.perMinute()))
					.adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
					.scalingSteps(List.of(ScalingInterval.builder().upper(10).change(0).build(),
							ScalingInterval.builder().lower(30).change(2).build(),
							ScalingInterval.builder().lower(120).change(4).build()))
					.build());
	}

	IRole taskRole() {
		return this.task.getTaskRole();
	}

}
