package dev.velocity.api.live;

import dev.velocity.testsupport.UsesRealServers;

/**
 * {@link LiveStockIntegrationTests} (live stock across two instances) with the API on a
 * real Redis Cluster of 3 masters and 3 replicas instead of a single Redis.
 */
@UsesRealServers(redisCluster = true)
class LiveStockOnClusterIntegrationTests extends LiveStockIntegrationTests {

}
