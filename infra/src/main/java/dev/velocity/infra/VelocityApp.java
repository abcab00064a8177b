package dev.velocity.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * {@code cdk synth} / {@code cdk deploy} entry point. The account and region come from
 * the CDK CLI's environment; the rest from context values: {@code -c imageTag=...} (the
 * CI workflow pushes images tagged with the commit), {@code certificateArn},
 * {@code identityIssuer}, {@code identityJwkSetUri}, {@code identityAudience},
 * {@code redisShards} and {@code redisReplicasPerShard} (see
 * {@link VelocityStack.Settings}).
 */
public final class VelocityApp {

	private VelocityApp() {
	}

	public static void main(String[] args) {
		App app = new App();
		new VelocityStack(app, "Velocity",
				StackProps.builder()
					.env(Environment.builder()
						.account(System.getenv("CDK_DEFAULT_ACCOUNT"))
						.region(System.getenv("CDK_DEFAULT_REGION"))
						.build())
					.description("Velocity flash-sale engine: API and order worker on ECS Fargate")
					.build(),
				settings(app));
		app.synth();
	}

	/**
	 * The deployment settings an app's context values give.
	 * @param app the app
	 * @return its settings
	 */
	static VelocityStack.Settings settings(App app) {
		Object imageTag = app.getNode().tryGetContext("imageTag");
		Object audience = app.getNode().tryGetContext("identityAudience");
		return new VelocityStack.Settings((imageTag != null) ? imageTag.toString() : "latest",
				required(app, "certificateArn"), required(app, "identityIssuer"), required(app, "identityJwkSetUri"),
				(audience != null) ? audience.toString() : "velocity-api", number(app, "redisShards", 1),
				number(app, "redisReplicasPerShard", 1));
	}

	private static int number(App app, String name, int otherwise) {
		Object value = app.getNode().tryGetContext(name);
		if (value == null) {
			return otherwise;
		}
		try {
			return (value instanceof Number number) ? number.intValue() : Integer.parseInt(value.toString().strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("The context value " + name + " must be a whole number, not " + value);
		}
	}

	private static String required(App app, String name) {
		Object value = app.getNode().tryGetContext(name);
		if (value == null || value.toString().isBlank()) {
			throw new IllegalArgumentException("Set the context value " + name + " (cdk deploy -c " + name + "=...)");
		}
		return value.toString();
	}

}
