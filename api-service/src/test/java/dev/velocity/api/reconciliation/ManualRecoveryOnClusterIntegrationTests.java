package dev.velocity.api.reconciliation;

import dev.velocity.testsupport.UsesRealServers;

/**
 * {@link ManualRecoveryIntegrationTests} (the admin rebuild) with the API on a real Redis
 * Cluster of 3 masters and 3 replicas instead of a single Redis.
 */
@UsesRealServers(redisCluster = true)
class ManualRecoveryOnClusterIntegrationTests extends ManualRecoveryIntegrationTests {

}
