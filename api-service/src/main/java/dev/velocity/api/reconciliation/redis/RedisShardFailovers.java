package dev.velocity.api.reconciliation.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.reconciliation.ShardFailovers;
import dev.velocity.redis.SaleKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.connection.ClusterSlotHashUtil;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Each sale's master, from {@code CLUSTER NODES} as the cluster itself says it now (not
 * the client's cached topology), compared with the previous call's. On a single Redis
 * nothing ever moves.
 */
@Component
class RedisShardFailovers implements ShardFailovers {

	private static final Logger log = LoggerFactory.getLogger(RedisShardFailovers.class);

	private final RedisConnectionFactory connections;

	private final Map<String, String> masterBySale = new ConcurrentHashMap<>();

	RedisShardFailovers(RedisConnectionFactory connections) {
		this.connections = connections;
	}

	@Override
	public Set<String> moved(Collection<String> saleIds) {
		if (!(this.connections instanceof LettuceConnectionFactory lettuce) || !lettuce.isClusterAware()) {
			return Set.of();
		}
		List<RedisClusterNode> masters = new ArrayList<>();
		try (RedisClusterConnection cluster = this.connections.getClusterConnection()) {
			// A master that failed keeps its slots until its replica takes them.
			cluster.clusterGetNodes().forEach((node) -> {
				if (node.isMaster()) {
					masters.add(node);
				}
			});
		}
		catch (RuntimeException ex) {
			// The node asked is away: the next pass asks again.
			log.debug("Could not read the cluster's masters: {}", ex.toString());
			return Set.of();
		}
		this.masterBySale.keySet().retainAll(Set.copyOf(saleIds));
		Set<String> moved = new HashSet<>();
		for (String saleId : saleIds) {
			int slot = ClusterSlotHashUtil.calculateSlot(SaleKeys.of(saleId).sale());
			masters.stream()
				.filter((node) -> node.servesSlot(slot))
				.findFirst()
				.map(RedisClusterNode::getId)
				.ifPresent((master) -> {
					String before = this.masterBySale.put(saleId, master);
					if (before != null && !before.equals(master)) {
						moved.add(saleId);
					}
				});
		}
		return moved;
	}

}
