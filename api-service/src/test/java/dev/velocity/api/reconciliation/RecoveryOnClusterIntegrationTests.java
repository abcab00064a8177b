package dev.velocity.api.reconciliation;

import dev.velocity.testsupport.UsesRealServers;

/**
 * {@link RecoveryIntegrationTests} (the reconciler's passes and rebuilds) with the API on
 * a real Redis Cluster of 3 masters and 3 replicas instead of a single Redis.
 */
@UsesRealServers(redisCluster = true)
class RecoveryOnClusterIntegrationTests extends RecoveryIntegrationTests {

}
