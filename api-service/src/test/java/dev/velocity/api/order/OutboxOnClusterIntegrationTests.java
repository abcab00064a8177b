package dev.velocity.api.order;

import dev.velocity.testsupport.UsesRealServers;

/**
 * {@link OutboxIntegrationTests} (the outbox through a queue outage) with the API on a
 * real Redis Cluster of 3 masters and 3 replicas instead of a single Redis.
 */
@UsesRealServers(redisCluster = true)
class OutboxOnClusterIntegrationTests extends OutboxIntegrationTests {

}
