package dev.velocity.localservers;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * ElasticMQ in a JVM of its own, started from this JVM's class path: a server the fault
 * tests can freeze ({@link #suspend()}) as an unreachable SQS, without losing its
 * messages.
 */
public final class ElasticMqProcess extends ServerProcess {

	public ElasticMqProcess(int port, Path logDir) {
		super("elasticmq", port, logDir.resolve("elasticmq.log"));
	}

	@Override
	protected List<String> command() {
		String java = ProcessHandle.current().info().command().orElse("java");
		return List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), ElasticMqMain.class.getName(),
				String.valueOf(port()));
	}

	/** The endpoint to hand the AWS SDK. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + port());
	}

}
