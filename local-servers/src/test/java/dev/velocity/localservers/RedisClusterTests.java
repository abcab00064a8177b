package dev.velocity.localservers;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local Redis Cluster is a real one: three masters sharing the slots, a replica each,
 * and a replica promoted when its master dies.
 */
class RedisClusterTests {

	@Test
	void spreadsSalesOverThreeMastersAndPromotesAReplicaWhenOneDies() {
		try (RedisCluster cluster = RedisCluster.start(3)) {
			assertThat(cluster.nodes()).hasSize(6);
			assertThat(cluster.masters()).hasSize(3);
			Set<Integer> owners = new HashSet<>();
			for (int i = 0; i < 30; i++) {
				owners.add(cluster.masterOf("sale:{sale-" + i + "}").port());
			}
			assertThat(owners).as("the masters serving 30 sales").hasSize(3);

			RedisServer dead = cluster.masterOf("sale:{sale-0}");
			dead.kill();
			long deadline = System.currentTimeMillis() + 30_000;
			while (cluster.masters().size() < 3 && System.currentTimeMillis() < deadline) {
				FreePort.pause(200);
			}
			cluster.awaitOk();
			assertThat(cluster.masters()).as("a replica took over").hasSize(3).doesNotContain(dead);
			assertThat(cluster.masterOf("sale:{sale-0}").port()).isNotEqualTo(dead.port());
		}
	}

}
