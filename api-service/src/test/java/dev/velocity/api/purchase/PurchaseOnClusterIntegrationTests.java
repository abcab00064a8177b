package dev.velocity.api.purchase;

import dev.velocity.testsupport.UsesRealServers;

/**
 * {@link PurchaseIntegrationTests} (the purchase suite) with the API on a real Redis
 * Cluster of 3 masters and 3 replicas instead of a single Redis.
 */
@UsesRealServers(redisCluster = true)
class PurchaseOnClusterIntegrationTests extends PurchaseIntegrationTests {

}
