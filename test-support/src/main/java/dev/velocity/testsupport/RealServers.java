package dev.velocity.testsupport;

import java.util.Set;

import dev.velocity.localservers.LocalAws;
import dev.velocity.localservers.RedisServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The JUnit extension behind {@link UsesRealServers}: starts a test class's servers and
 * names ({@link ClassServers}) before its tests, resolves them and their clients as test
 * method parameters (one SQS and one DynamoDB client per class, closed after it), and
 * stops the servers the class had of its own after it.
 */
public final class RealServers implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealServers.class);

	private static final Set<Class<?>> RESOLVED = Set.of(ClassServers.class, LocalAws.Names.class, RedisServer.class,
			SqsClient.class, DynamoDbClient.class, ApiClient.class);

	@Override
	public void beforeAll(ExtensionContext context) {
		ClassServers.of(context.getRequiredTestClass());
	}

	@Override
	public void afterAll(ExtensionContext context) {
		ClassServers.of(context.getRequiredTestClass()).stopOwn();
	}

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return RESOLVED.contains(parameter.getParameter().getType());
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		ClassServers servers = ClassServers.of(context.getRequiredTestClass());
		Class<?> type = parameter.getParameter().getType();
		ExtensionContext.Store store = classContext(context).getStore(NAMESPACE);
		if (type == ClassServers.class) {
			return servers;
		}
		if (type == LocalAws.Names.class) {
			return servers.names();
		}
		if (type == RedisServer.class) {
			return servers.redis();
		}
		if (type == SqsClient.class) {
			return store.computeIfAbsent(SqsClient.class, (key) -> LocalAws.sqs(servers.sqsEndpoint()),
					SqsClient.class);
		}
		if (type == DynamoDbClient.class) {
			return store.computeIfAbsent(DynamoDbClient.class, (key) -> LocalAws.dynamoDb(servers.dynamoDbEndpoint()),
					DynamoDbClient.class);
		}
		return new ApiClient(serverPort(context));
	}

	// The Spring test's API: its context is built by the time a test method runs.
	private static int serverPort(ExtensionContext context) {
		ApplicationContext application = SpringExtension.getApplicationContext(context);
		Integer port = application.getEnvironment().getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new ParameterResolutionException(
					"An ApiClient needs a @SpringBootTest with a web server on a port (RANDOM_PORT)");
		}
		return port;
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

}
