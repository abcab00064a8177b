package dev.velocity.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class on real servers ({@link RealServers}): the test JVM's shared Redis,
 * ElasticMQ, dynalite and token issuer, or a Redis or ElasticMQ of its own; a queue, its
 * DLQ and an orders table under fresh names; and, as test method parameters, its
 * {@link ClassServers}, {@code LocalAws.Names}, {@code SqsClient},
 * {@code DynamoDbClient}, {@code RedisServer} and an {@link ApiClient} of the Spring
 * test's API.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealServers.class)
public @interface UsesRealServers {

	/** A Redis of the class's own, for tests that flush, stop or restart it. */
	boolean ownRedis() default false;

	/**
	 * A Redis Cluster of the class's own (3 masters, 3 replicas) instead of a single
	 * Redis: {@link ClassServers#redisCluster()}.
	 */
	boolean redisCluster() default false;

	/** An ElasticMQ of the class's own, for tests that stop it. */
	boolean ownElasticMq() default false;

}
