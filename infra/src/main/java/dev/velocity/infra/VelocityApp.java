package dev.velocity.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * {@code cdk synth} / {@code cdk deploy} entry point. The account and region come from
 * the CDK CLI's environment; the image tag from {@code -c imageTag=...} (the CI workflow
 * pushes images tagged with the commit).
 */
public final class VelocityApp {

	private VelocityApp() {
	}

	public static void main(String[] args) {
		App app = new App();
		Object imageTag = app.getNode().tryGetContext("imageTag");
		new VelocityStack(app, "Velocity",
				StackProps.builder()
					.env(Environment.builder()
						.account(System.getenv("CDK_DEFAULT_ACCOUNT"))
						.region(System.getenv("CDK_DEFAULT_REGION"))
						.build())
					.description("Velocity flash-sale engine: API and order worker on ECS Fargate")
					.build(),
				new VelocityStack.Settings((imageTag != null) ? imageTag.toString() : "latest"));
		app.synth();
	}

}
