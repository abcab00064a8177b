package dev.velocity.api.waitingroom.redis;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.velocity.api.redis.ScriptReplies;
import dev.velocity.api.waitingroom.NoWaitingRoom;
import dev.velocity.api.waitingroom.Place;
import dev.velocity.api.waitingroom.RoomSettings;
import dev.velocity.api.waitingroom.RoomStatus;
import dev.velocity.api.waitingroom.RoomTick;
import dev.velocity.api.waitingroom.WaitingRoom;
import dev.velocity.api.waitingroom.WaitingRoomProperties;
import dev.velocity.redis.SaleKeys;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The waiting rooms in Redis, beside their sales (one hash tag: one slot): the queue and
 * the inlet are scripts ({@code room-join.lua}, {@code room-admit.lua},
 * {@code room-leave.lua}); the settings a hash.
 */
@Component
@SuppressWarnings("rawtypes")
class RedisWaitingRoom implements WaitingRoom {

	private static final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final RedisScript<List> join;

	private final RedisScript<List> admit;

	private final RedisScript<List> leave;

	private final String grace;

	private final String mostPerTick;

	RedisWaitingRoom(StringRedisTemplate redis, RedisScript<List> roomJoinScript, RedisScript<List> roomAdmitScript,
			RedisScript<List> roomLeaveScript, WaitingRoomProperties properties) {
		this.redis = redis;
		this.join = roomJoinScript;
		this.admit = roomAdmitScript;
		this.leave = roomLeaveScript;
		this.grace = String.valueOf(properties.grace().toMillis());
		this.mostPerTick = String.valueOf(properties.mostPerTick());
	}

	@Override
	public void configure(String saleId, RoomSettings settings) {
		String room = SaleKeys.of(saleId).room();
		this.redis.opsForHash()
			.putAll(room,
					Map.of("opens",
							String.valueOf((settings.opensAt() != null) ? settings.opensAt().toEpochMilli() : 0),
							"rate", String.valueOf(settings.admissionsPerSecond()), "ttl",
							String.valueOf(settings.admission().toMillis()), "maxActive",
							String.valueOf(settings.maxActive()), "paused", settings.paused() ? "1" : "0"));
		// Drawn once, kept secret until the start: it orders the pre-queue.
		byte[] seed = new byte[16];
		random.nextBytes(seed);
		this.redis.opsForHash().putIfAbsent(room, "seed", HexFormat.of().formatHex(seed));
		this.redis.opsForSet().add(SaleKeys.ROOMS_INDEX, saleId);
	}

	@Override
	public void remove(String saleId) {
		SaleKeys keys = SaleKeys.of(saleId);
		this.redis.delete(List.of(keys.room(), keys.roomQueue(), keys.roomSeen(), keys.roomAdmitted()));
		this.redis.opsForSet().remove(SaleKeys.ROOMS_INDEX, saleId);
	}

	@Override
	public Place join(String saleId, String shopper) {
		return place(saleId, shopper, "join");
	}

	@Override
	public Place look(String saleId, String shopper) {
		return place(saleId, shopper, "look");
	}

	private Place place(String saleId, String shopper, String mode) {
		List<?> reply = this.redis.execute(this.join, SaleKeys.of(saleId).forRoom(), shopper, mode);
		String code = String.valueOf(reply.get(0));
		if ("NO_ROOM".equals(code)) {
			throw new NoWaitingRoom(saleId);
		}
		long a = ScriptReplies.number(reply, 1);
		long b = ScriptReplies.number(reply, 2);
		double rate = Double.parseDouble(ScriptReplies.text(reply, 3));
		long remaining = ScriptReplies.number(reply, 4);
		long served = ScriptReplies.number(reply, 5);
		return switch (code) {
			case "WAITING" -> new Place(Place.State.WAITING, (a < 0) ? null : a, b, null, rate, remaining, served);
			case "ADMITTED" ->
				new Place(Place.State.ADMITTED, null, 0, Instant.ofEpochMilli(a), rate, remaining, served);
			case "NOT_IN_QUEUE" -> new Place(Place.State.NOT_IN_QUEUE, null, 0, null, rate, remaining, served);
			case "NOT_OPEN" ->
				new Place(Place.State.NOT_OPEN, null, 0, Instant.ofEpochMilli(a), rate, remaining, served);
			case "SOLD_OUT" -> new Place(Place.State.SOLD_OUT, null, 0, null, rate, remaining, served);
			default -> throw new IllegalStateException("room-join.lua answered " + reply);
		};
	}

	@Override
	public void leave(String saleId, String shopper) {
		this.redis.execute(this.leave, SaleKeys.of(saleId).forRoom(), shopper);
	}

	@Override
	public Optional<RoomTick> admit(String saleId) {
		List<?> reply = this.redis.execute(this.admit, SaleKeys.of(saleId).forRoom(), this.grace, this.mostPerTick);
		String state = String.valueOf(reply.get(0));
		if ("NO_ROOM".equals(state)) {
			// Removed meanwhile (or lost with Redis): nothing to tick.
			this.redis.opsForSet().remove(SaleKeys.ROOMS_INDEX, saleId);
			return Optional.empty();
		}
		return Optional.of(new RoomTick(saleId, RoomTick.State.valueOf(state), ScriptReplies.number(reply, 1),
				ScriptReplies.number(reply, 2), ScriptReplies.number(reply, 3), ScriptReplies.number(reply, 4),
				Double.parseDouble(ScriptReplies.text(reply, 5)), ScriptReplies.number(reply, 6)));
	}

	@Override
	public Set<String> rooms() {
		Set<String> rooms = this.redis.opsForSet().members(SaleKeys.ROOMS_INDEX);
		return (rooms != null) ? rooms : Set.of();
	}

	@Override
	public Optional<RoomStatus> status(String saleId) {
		SaleKeys keys = SaleKeys.of(saleId);
		Map<Object, Object> room = this.redis.opsForHash().entries(keys.room());
		if (room.isEmpty()) {
			return Optional.empty();
		}
		long opens = number(room, "opens");
		RoomSettings settings = new RoomSettings((opens > 0) ? Instant.ofEpochMilli(opens) : null,
				Double.parseDouble(String.valueOf(room.get("rate"))), (int) (number(room, "ttl") / 1000),
				(int) number(room, "maxActive"), "1".equals(room.get("paused")));
		Object starts = this.redis.opsForHash().get(keys.sale(), "starts");
		boolean started = starts == null || Long.parseLong(String.valueOf(starts)) <= System.currentTimeMillis();
		Long waiting = this.redis.opsForZSet().zCard(keys.roomQueue());
		Long active = this.redis.opsForZSet().zCard(keys.roomAdmitted());
		return Optional.of(new RoomStatus(saleId, settings, (waiting != null) ? waiting : 0,
				(active != null) ? active : 0, number(room, "admitted"), number(room, "abandoned"),
				number(room, "left"), started ? String.valueOf(room.get("seed")) : null));
	}

	private static long number(Map<Object, Object> hash, String field) {
		Object value = hash.get(field);
		return (value != null) ? Long.parseLong(String.valueOf(value)) : 0;
	}

}
