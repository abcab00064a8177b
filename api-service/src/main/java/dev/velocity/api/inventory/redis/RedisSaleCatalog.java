package dev.velocity.api.inventory.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleIsArchived;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleDefinition;
import dev.velocity.api.inventory.SaleNeedsRebuild;
import dev.velocity.api.inventory.SaleNotDeletable;
import dev.velocity.api.inventory.StockBelowSold;
import dev.velocity.api.inventory.StockLevel;
import dev.velocity.api.redis.ScriptReplies;
import dev.velocity.api.redis.StoredOrder;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.redis.SaleKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.StringRedisSerializer;
import org.springframework.stereotype.Component;

/** Sales as Redis hashes ({@code sale-upsert.lua} writes them, plain reads read them). */
@Component
class RedisSaleCatalog implements SaleCatalog {

	private final StringRedisTemplate redis;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> saleUpsertScript;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> saleRebuildScript;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> saleDeleteScript;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> saleArchiveScript;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> saleHoldScript;

	private final JsonMapper jsonMapper;

	@SuppressWarnings("rawtypes")
	RedisSaleCatalog(StringRedisTemplate redis, RedisScript<List> saleUpsertScript, RedisScript<List> saleRebuildScript,
			RedisScript<List> saleDeleteScript, RedisScript<List> saleArchiveScript, RedisScript<List> saleHoldScript,
			JsonMapper jsonMapper) {
		this.redis = redis;
		this.saleUpsertScript = saleUpsertScript;
		this.saleRebuildScript = saleRebuildScript;
		this.saleDeleteScript = saleDeleteScript;
		this.saleArchiveScript = saleArchiveScript;
		this.saleHoldScript = saleHoldScript;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public SavedSale save(String saleId, SaleDefinition definition) {
		List<?> reply = this.redis.execute(this.saleUpsertScript, List.of(SaleKeys.of(saleId).sale()),
				definition.name(), String.valueOf(definition.stock()),
				String.valueOf(orZero(definition.perUserLimit())), String.valueOf(millis(definition.startsAt())),
				String.valueOf(millis(definition.endsAt())));
		if ("STOCK_BELOW_SOLD".equals(ScriptReplies.text(reply, 0))) {
			throw new StockBelowSold(saleId, definition.stock(), ScriptReplies.number(reply, 1));
		}
		if ("ARCHIVED".equals(ScriptReplies.text(reply, 0))) {
			throw new SaleIsArchived(saleId);
		}
		this.redis.opsForSet().add(SaleKeys.SALES_INDEX, saleId);
		Sale sale = find(saleId).orElseThrow(() -> new IllegalStateException("Sale " + saleId + " vanished"));
		return new SavedSale(sale, "1".equals(ScriptReplies.text(reply, 3)));
	}

	@Override
	public Optional<Sale> find(String saleId) {
		SaleKeys keys = SaleKeys.of(saleId);
		Map<Object, Object> hash = this.redis.opsForHash().entries(keys.sale());
		if (hash.isEmpty() || isTombstone(hash)) {
			return Optional.empty();
		}
		Long pending = this.redis.opsForZSet().zCard(keys.outbox());
		return Optional.of(toSale(saleId, hash, (pending != null) ? pending : 0));
	}

	/** What {@code sale-archive.lua} leaves of an archived sale. */
	private static boolean isTombstone(Map<?, ?> hash) {
		return hash.containsKey("archived") && !hash.containsKey("remaining");
	}

	@Override
	public Optional<StockLevel> stockOf(String saleId) {
		List<Object> values = this.redis.opsForHash()
			.multiGet(SaleKeys.of(saleId).sale(), List.of("remaining", "sold", "ends"));
		if (values.get(0) == null) {
			return Optional.empty();
		}
		long ends = (values.get(2) != null) ? Long.parseLong(values.get(2).toString()) : 0;
		return Optional.of(new StockLevel(Long.parseLong(values.get(0).toString()),
				(values.get(1) != null) ? Long.parseLong(values.get(1).toString()) : 0,
				(ends > 0) ? Instant.ofEpochMilli(ends) : null));
	}

	@Override
	public void hold(String saleId) {
		hold(saleId, "*");
	}

	@Override
	public boolean holdUnlessRebuiltSince(String saleId, Instant rebuiltAt) {
		return hold(saleId, (rebuiltAt != null) ? String.valueOf(micros(rebuiltAt)) : "");
	}

	private boolean hold(String saleId, String rebuiltSeen) {
		List<?> reply = this.redis.execute(this.saleHoldScript, List.of(SaleKeys.of(saleId).sale()), rebuiltSeen);
		return switch (ScriptReplies.text(reply, 0)) {
			case "HELD" -> {
				// Apart from the script: the index lives in another slot of a cluster.
				this.redis.opsForSet().add(SaleKeys.SALES_INDEX, saleId);
				yield true;
			}
			case "REBUILT", "ARCHIVED" -> false;
			default -> throw new IllegalStateException("sale-hold.lua answered " + reply);
		};
	}

	private static long micros(Instant instant) {
		return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
	}

	/**
	 * Orders per {@code sale-rebuild.lua} call: a sale with a hundred thousand orders in
	 * one call blocked Redis past the command timeout (and every other sale of its shard
	 * with it).
	 */
	static final int ORDERS_PER_CALL = 1000;

	@Override
	public StockLevel restore(String saleId, SaleDefinition definition, List<OrderPlaced> orders) {
		List<String> head = List.of(definition.name(), String.valueOf(definition.stock()),
				String.valueOf(orZero(definition.perUserLimit())), String.valueOf(millis(definition.startsAt())),
				String.valueOf(millis(definition.endsAt())));
		List<String> keys = SaleKeys.of(saleId).forRebuild();
		int calls = Math.max(1, (orders.size() + ORDERS_PER_CALL - 1) / ORDERS_PER_CALL);
		String soldSoFar = "first";
		List<?> reply = List.of();
		for (int call = 0; call < calls; call++) {
			boolean last = call == calls - 1;
			List<String> args = new ArrayList<>(head);
			args.add(soldSoFar);
			args.add(last ? "1" : "0");
			for (OrderPlaced order : orders.subList(call * ORDERS_PER_CALL,
					Math.min((call + 1) * ORDERS_PER_CALL, orders.size()))) {
				args.add(order.orderId());
				args.add(order.userId());
				args.add(String.valueOf(order.quantity()));
				args.add(this.jsonMapper.writeValueAsString(StoredOrder.of(order)));
				args.add((order.idempotencyKey() != null) ? order.idempotencyKey() : "");
			}
			reply = this.redis.execute(this.saleRebuildScript, keys, args.toArray());
			if ("INTERRUPTED".equals(ScriptReplies.text(reply, 0))) {
				// Redis lost the earlier calls' work: the sale is to be rebuilt again.
				throw new SaleNeedsRebuild(saleId);
			}
			soldSoFar = ScriptReplies.text(reply, 1);
		}
		this.redis.opsForSet().add(SaleKeys.SALES_INDEX, saleId);
		return new StockLevel(ScriptReplies.number(reply, 1), ScriptReplies.number(reply, 2), definition.endsAt());
	}

	@Override
	public Optional<Boolean> delete(String saleId) {
		List<?> reply = this.redis.execute(this.saleDeleteScript, SaleKeys.of(saleId).forRebuild());
		return switch (String.valueOf(reply.get(0))) {
			case "DELETED" -> {
				this.redis.opsForSet().remove(SaleKeys.SALES_INDEX, saleId);
				yield Optional.of(true);
			}
			case "NOT_FOUND" -> Optional.empty();
			case "HAS_SALES" ->
				throw new SaleNotDeletable(saleId, SaleNotDeletable.Reason.HAS_SALES, ScriptReplies.number(reply, 1));
			case "OPEN" -> throw new SaleNotDeletable(saleId, SaleNotDeletable.Reason.OPEN, 0);
			default -> throw new IllegalStateException("sale-delete.lua answered " + reply);
		};
	}

	@Override
	public Archival archive(String saleId, long persistedUnits, Duration tombstone) {
		List<?> reply = this.redis.execute(this.saleArchiveScript, SaleKeys.of(saleId).forArchive(),
				String.valueOf(persistedUnits), String.valueOf(tombstone.toMillis()));
		Archival archival = Archival.valueOf(ScriptReplies.text(reply, 0));
		if (archival == Archival.ARCHIVED) {
			this.redis.opsForSet().remove(SaleKeys.SALES_INDEX, saleId);
		}
		return archival;
	}

	@Override
	public boolean lockRebuild(String saleId, Duration lease) {
		return Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(SaleKeys.of(saleId).rebuildLock(), "1", lease));
	}

	@Override
	public void unlockRebuild(String saleId) {
		this.redis.delete(SaleKeys.of(saleId).rebuildLock());
	}

	@Override
	public Set<String> saleIds() {
		return this.redis.opsForSet().members(SaleKeys.SALES_INDEX);
	}

	@Override
	public List<Sale> findAll() {
		List<String> saleIds = new ArrayList<>(saleIds());
		saleIds.sort(Comparator.naturalOrder());
		// One round trip for them all: a hash and an outbox size per sale.
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String saleId : saleIds) {
				SaleKeys keys = SaleKeys.of(saleId);
				connection.hashCommands().hGetAll(bytes(keys.sale()));
				connection.zSetCommands().zCard(bytes(keys.outbox()));
			}
			return null;
		}, StringRedisSerializer.UTF_8);
		List<Sale> sales = new ArrayList<>(saleIds.size());
		for (int i = 0; i < saleIds.size(); i++) {
			Map<?, ?> hash = (Map<?, ?>) replies.get(2 * i);
			Object pending = replies.get(2 * i + 1);
			if (hash != null && !hash.isEmpty() && !isTombstone(hash)) {
				sales.add(toSale(saleIds.get(i), hash, (pending instanceof Long size) ? size : 0));
			}
		}
		return sales;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static Sale toSale(String saleId, Map<?, ?> hash, long pending) {
		long limit = longField(hash, "limit");
		long starts = longField(hash, "starts");
		long ends = longField(hash, "ends");
		return new Sale(saleId, String.valueOf((hash.get("name") != null) ? hash.get("name") : saleId),
				longField(hash, "initial"), longField(hash, "remaining"), longField(hash, "sold"),
				(limit > 0) ? limit : null, (starts > 0) ? Instant.ofEpochMilli(starts) : null,
				(ends > 0) ? Instant.ofEpochMilli(ends) : null, "1".equals(hash.get("closed")), pending,
				rebuiltAt(hash.get("rebuilt")));
	}

	/** {@code sale-rebuild.lua}'s stamp: Redis's clock in epoch microseconds. */
	private static Instant rebuiltAt(Object stamp) {
		if (stamp == null) {
			return null;
		}
		long micros = Long.parseLong(stamp.toString());
		return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
	}

	private static long longField(Map<?, ?> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? Long.parseLong(value.toString()) : 0;
	}

	private static long orZero(Long value) {
		return (value != null) ? value : 0;
	}

	private static long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : 0;
	}

}
