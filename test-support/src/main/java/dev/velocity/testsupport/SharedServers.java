package dev.velocity.testsupport;

import dev.velocity.localservers.Dynalite;
import dev.velocity.localservers.ElasticMq;
import dev.velocity.localservers.LocalAws;
import dev.velocity.localservers.LocalIssuer;
import dev.velocity.localservers.RedisServer;

/**
 * One Redis, one ElasticMQ, one dynalite and one token issuer per test JVM, each on a
 * free port, started on first use and stopped when the JVM exits. Tests that stop a
 * server start their own instead.
 */
public final class SharedServers {

	private static RedisServer redis;

	private static ElasticMq elasticMq;

	private static Dynalite dynalite;

	private static LocalIssuer issuer;

	static {
		LocalAws.useLocalCredentials();
		Runtime.getRuntime().addShutdownHook(new Thread(SharedServers::stopAll, "velocity-shared-servers-stop"));
	}

	private SharedServers() {
	}

	public static synchronized RedisServer redis() {
		if (redis == null) {
			redis = RedisServer.startEphemeral();
		}
		return redis;
	}

	public static synchronized ElasticMq elasticMq() {
		if (elasticMq == null) {
			elasticMq = ElasticMq.startEphemeral();
		}
		return elasticMq;
	}

	public static synchronized Dynalite dynalite() {
		if (dynalite == null) {
			dynalite = Dynalite.startEphemeral();
		}
		return dynalite;
	}

	public static synchronized LocalIssuer issuer() {
		if (issuer == null) {
			issuer = LocalIssuer.start(0, "test-admin-secret");
		}
		return issuer;
	}

	/**
	 * The processes first, killed rather than stopped: their data is throwaway, and a JVM
	 * killed in its shutdown hooks (Surefire waits 30 s for it to exit) would leave them
	 * running.
	 */
	private static synchronized void stopAll() {
		if (redis != null) {
			redis.kill();
		}
		if (dynalite != null) {
			dynalite.kill();
		}
		if (issuer != null) {
			issuer.close();
		}
		if (elasticMq != null) {
			elasticMq.stop();
		}
	}

}
