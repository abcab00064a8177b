package dev.velocity.api.order.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.velocity.api.order.OrderLookup;
import dev.velocity.api.order.Outbox;
import dev.velocity.api.redis.StoredOrder;
import dev.velocity.api.web.Ids;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.redis.SaleKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/** The outbox and the accepted orders, both kept beside each sale's stock. */
@Component
class RedisOutbox implements Outbox, OrderLookup {

	private final StringRedisTemplate redis;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> outboxClaimScript;

	private final JsonMapper jsonMapper;

	@SuppressWarnings("rawtypes")
	RedisOutbox(StringRedisTemplate redis, RedisScript<List> outboxClaimScript, JsonMapper jsonMapper) {
		this.redis = redis;
		this.outboxClaimScript = outboxClaimScript;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public List<OrderPlaced> claimDue(String saleId, Duration lease, int max) {
		List<?> claimed = this.redis.execute(this.outboxClaimScript, SaleKeys.of(saleId).forOutboxClaim(),
				String.valueOf(lease.toMillis()), String.valueOf(max));
		List<OrderPlaced> orders = new ArrayList<>(claimed.size() / 2);
		for (int i = 0; i + 1 < claimed.size(); i += 2) {
			orders.add(parse(claimed.get(i).toString(), claimed.get(i + 1).toString()));
		}
		return orders;
	}

	@Override
	public void acknowledge(Collection<OrderPlaced> orders) {
		Map<String, List<String>> bySale = new LinkedHashMap<>();
		for (OrderPlaced order : orders) {
			bySale.computeIfAbsent(order.saleId(), (saleId) -> new ArrayList<>()).add(order.orderId());
		}
		this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			bySale.forEach((saleId, ids) -> connection.zSetCommands()
				.zRem(bytes(SaleKeys.of(saleId).outbox()),
						ids.stream().map(RedisOutbox::bytes).toArray(byte[][]::new)));
			return null;
		});
	}

	@Override
	public List<OrderPlaced> pending(String saleId) {
		SaleKeys keys = SaleKeys.of(saleId);
		Set<String> ids = this.redis.opsForZSet().range(keys.outbox(), 0, -1);
		if (ids == null || ids.isEmpty()) {
			return List.of();
		}
		List<Object> fields = new ArrayList<>(ids);
		List<Object> orders = this.redis.opsForHash().multiGet(keys.orders(), fields);
		List<OrderPlaced> pending = new ArrayList<>(orders.size());
		for (int i = 0; i < orders.size(); i++) {
			if (orders.get(i) != null) {
				pending.add(parse(fields.get(i).toString(), orders.get(i).toString()));
			}
		}
		return pending;
	}

	@Override
	public Set<String> saleIds() {
		return this.redis.opsForSet().members(SaleKeys.SALES_INDEX);
	}

	@Override
	public long depth(String saleId) {
		Long size = this.redis.opsForZSet().zCard(SaleKeys.of(saleId).outbox());
		return (size != null) ? size : 0;
	}

	@Override
	public Optional<OrderPlaced> find(String orderId) {
		String saleId = Ids.saleIdOf(orderId);
		if (saleId == null) {
			return Optional.empty();
		}
		Object json = this.redis.opsForHash().get(SaleKeys.of(saleId).orders(), orderId);
		return Optional.ofNullable(json).map((value) -> parse(orderId, value.toString()));
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private OrderPlaced parse(String orderId, String json) {
		return this.jsonMapper.readValue(json, StoredOrder.class).toOrderPlaced(orderId);
	}

}
