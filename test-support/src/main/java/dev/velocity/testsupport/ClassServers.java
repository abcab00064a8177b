package dev.velocity.testsupport;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.localservers.ElasticMq;
import dev.velocity.localservers.LocalAws;
import dev.velocity.localservers.LocalIssuer;
import dev.velocity.localservers.RedisCluster;
import dev.velocity.localservers.RedisServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One test class's servers and names, the same to its extension and to whatever builds
 * its Spring context (whichever asks first starts them): the shared servers unless the
 * class asked for its own ({@link UsesRealServers}), and a queue, its DLQ and an orders
 * table under names no other class uses.
 */
public final class ClassServers {

	private static final Map<Class<?>, ClassServers> byClass = new ConcurrentHashMap<>();

	private final LocalAws.Names names;

	private final RedisServer redis;

	private final boolean ownRedis;

	private final RedisCluster redisCluster;

	private final ElasticMq elasticMq;

	private final boolean ownElasticMq;

	private ClassServers(Class<?> testClass) {
		UsesRealServers settings = testClass.getAnnotation(UsesRealServers.class);
		this.ownRedis = settings != null && settings.ownRedis();
		this.ownElasticMq = settings != null && settings.ownElasticMq();
		this.redis = this.ownRedis ? RedisServer.startEphemeral() : SharedServers.redis();
		this.redisCluster = (settings != null && settings.redisCluster()) ? RedisCluster.start(3) : null;
		this.elasticMq = this.ownElasticMq ? ElasticMq.startEphemeral() : SharedServers.elasticMq();
		String name = testClass.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + "-"
				+ UUID.randomUUID().toString().substring(0, 8);
		this.names = LocalAws.Names.named(name);
		LocalAws.useLocalCredentials();
		try (SqsClient sqs = LocalAws.sqs(sqsEndpoint());
				DynamoDbClient dynamo = LocalAws.dynamoDb(dynamoDbEndpoint())) {
			LocalAws.createQueues(sqs, this.names);
			LocalAws.createOrdersTable(dynamo, this.names);
		}
	}

	/**
	 * A test class's servers, started and named on first use.
	 * @param testClass the test class
	 * @return its servers
	 */
	public static ClassServers of(Class<?> testClass) {
		return byClass.computeIfAbsent(testClass, ClassServers::new);
	}

	/** The class's queue, DLQ and table. */
	public LocalAws.Names names() {
		return this.names;
	}

	public RedisServer redis() {
		return this.redis;
	}

	/**
	 * The class's Redis Cluster.
	 * @return the cluster, or {@code null} when the class runs on a single Redis
	 */
	public RedisCluster redisCluster() {
		return this.redisCluster;
	}

	/**
	 * Redis loses everything on the node that holds a key: the class's own Redis is
	 * restarted without its data (its clients reconnect, as to a Redis that crashed); in
	 * a cluster, that key's shard is emptied ({@code FLUSHALL} on its master; its replica
	 * follows), as a restarted master rejoining empty would be.
	 * @param key a key on the node to empty
	 */
	public void loseRedisHolding(String key) {
		if (this.redisCluster != null) {
			this.redisCluster.masterOf(key).command("FLUSHALL");
		}
		else if (this.ownRedis) {
			this.redis.stop();
			this.redis.start(); // memory only: it comes back empty
		}
		else {
			throw new IllegalStateException("Only a Redis of the class's own may be emptied: ownRedis = true");
		}
	}

	public ElasticMq elasticMq() {
		return this.elasticMq;
	}

	public URI sqsEndpoint() {
		return this.elasticMq.endpoint();
	}

	public URI dynamoDbEndpoint() {
		return SharedServers.dynalite().endpoint();
	}

	public LocalIssuer issuer() {
		return SharedServers.issuer();
	}

	/**
	 * Stops the servers the class had of its own (the shared ones stop with the JVM). The
	 * JUnit extension calls it after the class; a class on another engine (jqwik's
	 * {@code @AfterContainer}) must call it itself, or its own Redis outlives the suite.
	 */
	public void stopOwn() {
		if (this.ownRedis) {
			this.redis.stop();
		}
		if (this.ownElasticMq) {
			this.elasticMq.stop();
		}
		if (this.redisCluster != null) {
			this.redisCluster.close();
		}
	}

}
