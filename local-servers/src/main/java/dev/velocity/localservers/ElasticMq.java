package dev.velocity.localservers;

import java.net.URI;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * ElasticMQ, an SQS-compatible server, in-process on this JVM. Its queues live in memory:
 * a stop loses them, as a lost region would, so restartable tests re-create what they
 * need.
 */
public final class ElasticMq implements AutoCloseable {

	private final int port;

	private SQSRestServer server;

	public ElasticMq(int port) {
		this.port = port;
	}

	/**
	 * A throwaway ElasticMQ on a free port, for tests.
	 * @return the started server
	 */
	public static ElasticMq startEphemeral() {
		return new ElasticMq(FreePort.find()).start();
	}

	/**
	 * Starts the server on its port.
	 * @return this server
	 */
	public synchronized ElasticMq start() {
		if (this.server == null) {
			this.server = SQSRestServerBuilder.withPort(this.port)
				.withInterface("127.0.0.1")
				.withServerAddress(new NodeAddress("http", "127.0.0.1", this.port, ""))
				.start();
			this.server.waitUntilStarted();
		}
		return this;
	}

	/** Stops the server; its queues are gone. */
	public synchronized void stop() {
		if (this.server != null) {
			this.server.stopAndWait();
			this.server = null;
		}
	}

	public boolean isRunning() {
		return this.server != null;
	}

	public int port() {
		return this.port;
	}

	/** The endpoint to hand the AWS SDK. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	public void close() {
		stop();
	}

}
