package dev.velocity.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The waiting room's scripts (join, admit, leave, and the purchase gate) on a real
 * redis-server.
 */
class WaitingRoomScriptIntegrationTests extends ScriptTestSupport {

	private static final String SEED = "5eed00000000000000000000000000a1";

	private final SaleKeys keys = SaleKeys.of("s");

	private String joinSha;

	private String admitSha;

	private String leaveSha;

	private String purchaseSha;

	@BeforeEach
	void loadScripts() {
		redis.flushall();
		this.joinSha = load(VelocityScripts.ROOM_JOIN);
		this.admitSha = load(VelocityScripts.ROOM_ADMIT);
		this.leaveSha = load(VelocityScripts.ROOM_LEAVE);
		this.purchaseSha = load(VelocityScripts.PURCHASE);
	}

	@Test
	void admitsThePreQueueInAnOrderUnrelatedToArrivalThatTheSeedReplaysAndEveryJoinerOnce() throws Exception {
		saleStartingAt(redisNow() + HOUR, 1_000_000);
		room("1000000", 60_000, 0);
		List<String> arrivals = IntStream.range(0, 1_000).mapToObj((n) -> String.format("shopper-%04d", n)).toList();
		for (String shopper : arrivals) {
			assertThat(join(shopper).get(0)).isEqualTo("WAITING");
		}
		start();

		// Ticks of 100: each admits the next hundred of the queue's order.
		List<String> order = redis.zrange(this.keys.roomQueue(), 0, -1);
		List<String> admitted = new ArrayList<>();
		for (int tick = 0; tick < 10; tick++) {
			List<String> before = redis.zrange(this.keys.roomAdmitted(), 0, -1);
			assertThat(admit(100).get(1)).isEqualTo("100");
			List<String> now = new ArrayList<>(redis.zrange(this.keys.roomAdmitted(), 0, -1));
			now.removeAll(before);
			List<String> next = order.subList(tick * 100, tick * 100 + 100);
			assertThat(now).containsExactlyInAnyOrderElementsOf(next);
			admitted.addAll(next);
		}
		assertThat(redis.zcard(this.keys.roomQueue())).isZero();

		assertThat(admitted).hasSize(1_000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(arrivals);
		assertThat(redis.hget(this.keys.room(), "admitted")).isEqualTo("1000");
		// Arrival order itself would score 1: the bound tells the two apart.
		assertThat(rankCorrelation(arrivals, arrivals)).isEqualTo(1.0);
		assertThat(Math.abs(rankCorrelation(arrivals, admitted))).isLessThan(0.1);
		// An audit replays the order from the seed alone.
		List<String> replayed = new ArrayList<>(arrivals);
		replayed.sort(Comparator.comparingLong(WaitingRoomScriptIntegrationTests::drawn));
		assertThat(admitted).isEqualTo(replayed);
	}

	@Test
	void queuesArrivalsAfterTheStartInArrivalOrderBehindThePreQueue() {
		saleStartingAt(redisNow() + HOUR, 100);
		room("1000", 60_000, 0);
		List<String> early = List.of("early-c", "early-a", "early-b");
		early.forEach(this::join);
		start();
		List<String> late = List.of("late-1", "late-2", "late-3", "late-4", "late-5");
		late.forEach(this::join);

		List<String> order = redis.zrange(this.keys.roomQueue(), 0, -1);

		assertThat(order.subList(0, 3)).containsExactlyInAnyOrderElementsOf(early);
		assertThat(order.subList(3, 8)).containsExactlyElementsOf(late);
		assertThat(join("late-5")).startsWith("WAITING", "7", "8");
	}

	@Test
	void hidesPlacesBeforeTheStartBecauseTheyAreDrawnThen() {
		saleStartingAt(redisNow() + HOUR, 100);
		room("10", 60_000, 0);
		assertThat(join("alice")).startsWith("WAITING", "-1", "1");
		assertThat(look("alice")).startsWith("WAITING", "-1", "1");
	}

	@Test
	void givesAShopperWhoJoinsTwiceOnePlace() {
		saleStartingAt(redisNow() - 1, 100);
		room("10", 60_000, 0);
		join("alice");
		join("bob");

		assertThat(join("alice")).startsWith("WAITING", "0", "2");
		assertThat(redis.zcard(this.keys.roomQueue())).isEqualTo(2);
		assertThat(redis.hget(this.keys.room(), "arrivals")).isEqualTo("2");
	}

	@Test
	void admitsWhatTheTimeSinceTheLastTickEarnedAtTheRate() {
		saleStartingAt(redisNow() - HOUR, 100);
		room("10", 60_000, 0);
		IntStream.range(0, 50).forEach((n) -> join("shopper-" + n));

		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 1_000));
		assertThat(admit(1_000)).containsExactly("ADMITTING", "10", "40", "10", "10", "10", "100");
		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 500));
		assertThat(admit(1_000)).containsExactly("ADMITTING", "5", "35", "15", "15", "10", "100");
		// What a waiting shopper is told carries the same count, which a page counts its
		// place down by between polls.
		assertThat(look("shopper-49")).containsExactly("WAITING", "34", "35", "10", "100", "15");
		// An idle minute saves up no more than a second's worth.
		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 60_000));
		assertThat(admit(1_000)).startsWith("ADMITTING", "10");
	}

	@Test
	void anAdmissionThatEndsUnusedFreesItsShareOfTheInlet() {
		saleStartingAt(redisNow() - HOUR, 100);
		room("1000", 300, 1);
		join("alice");
		join("bob");
		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 1_000));

		assertThat(admit(1_000)).startsWith("ADMITTING", "1");
		assertThat(admit(1_000)).startsWith("ADMITTING", "0");
		assertThat(look("alice").get(0)).isEqualTo("ADMITTED");

		await().atMost(Duration.ofSeconds(5)).until(() -> "1".equals(admit(1_000).get(1)));
		assertThat(look("bob").get(0)).isEqualTo("ADMITTED");
		assertThat(redis.hget(this.keys.room(), "abandoned")).isEqualTo("1");
	}

	@Test
	void aShopperWhoStopsAskingLosesThePlaceAfterTheGrace() {
		saleStartingAt(redisNow() - HOUR, 100);
		room("1", 60_000, 0);
		join("alice");
		join("bob");
		redis.zadd(this.keys.roomSeen(), redisNow() - 10_001, "alice");
		redis.hset(this.keys.room(), "paused", "1");

		assertThat(redis.<List<String>>evalsha(this.admitSha, ScriptOutputType.MULTI,
				this.keys.forRoom().toArray(String[]::new), "10000", "1000"))
			.startsWith("PAUSED", "0", "1");

		assertThat(look("alice").get(0)).isEqualTo("NOT_IN_QUEUE");
		assertThat(look("bob")).startsWith("WAITING", "0", "1");
		assertThat(redis.hget(this.keys.room(), "left")).isEqualTo("1");
	}

	@Test
	void aShopperWhoLeavesFreesThePlaceAtOnce() {
		saleStartingAt(redisNow() - HOUR, 100);
		room("1", 60_000, 0);
		join("alice");
		join("bob");

		assertThat(redis.<List<String>>evalsha(this.leaveSha, ScriptOutputType.MULTI,
				this.keys.forRoom().toArray(String[]::new), "alice"))
			.containsExactly("LEFT", "1");

		assertThat(look("bob")).startsWith("WAITING", "0", "1");
	}

	@Test
	void tellsEveryoneWaitingOfASellOutAndResumesTheQueueInOrderOnARestock() {
		saleStartingAt(redisNow() - HOUR, 100);
		room("1000", 60_000, 0);
		List.of("a", "b", "c").forEach(this::join);
		redis.hset(this.keys.sale(), "remaining", "0");

		assertThat(List.of("a", "b", "c"))
			.allSatisfy((shopper) -> assertThat(look(shopper).get(0)).isEqualTo("SOLD_OUT"));
		assertThat(join("d").get(0)).isEqualTo("SOLD_OUT");
		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 1_000));
		assertThat(admit(1_000)).startsWith("SOLD_OUT", "0", "3");

		redis.hset(this.keys.sale(), "remaining", "5");
		assertThat(look("a")).startsWith("WAITING", "0", "3");
		assertThat(look("c")).startsWith("WAITING", "2", "3");
	}

	@Test
	void refusesAPurchaseWithoutAnAdmissionOnlyWhereTheSaleHasARoomAndFreesTheAdmissionOnABuy() {
		saleStartingAt(redisNow() - HOUR, 100);
		assertThat(buy("alice", "0").get(0)).isEqualTo("RESERVED");
		room("1000", 60_000, 0);
		join("bob");
		redis.hset(this.keys.room(), "tick", String.valueOf(redisNow() - 1_000));
		admit(1_000);

		assertThat(buy("bob", "0")).containsExactly("NOT_ADMITTED");
		assertThat(redis.zscore(this.keys.roomAdmitted(), "bob")).isNotNull();
		assertThat(buy("bob", "1").get(0)).isEqualTo("RESERVED");
		assertThat(redis.zscore(this.keys.roomAdmitted(), "bob")).isNull();
		assertThat(redis.hget(this.keys.sale(), "sold")).isEqualTo("2");
	}

	private void saleStartingAt(long starts, long stock) {
		redis.hset(this.keys.sale(), Map.of("name", "s", "initial", String.valueOf(stock), "remaining",
				String.valueOf(stock), "sold", "0", "limit", "0", "starts", String.valueOf(starts), "ends", "0"));
	}

	private void start() {
		redis.hset(this.keys.sale(), "starts", String.valueOf(redisNow() - 1));
	}

	private void room(String rate, long ttlMillis, int maxActive) {
		redis.hset(this.keys.room(), Map.of("opens", "0", "rate", rate, "ttl", String.valueOf(ttlMillis), "maxActive",
				String.valueOf(maxActive), "paused", "0", "seed", SEED));
	}

	private List<String> join(String shopper) {
		return redis.evalsha(this.joinSha, ScriptOutputType.MULTI, this.keys.forRoom().toArray(String[]::new), shopper,
				"join");
	}

	private List<String> look(String shopper) {
		return redis.evalsha(this.joinSha, ScriptOutputType.MULTI, this.keys.forRoom().toArray(String[]::new), shopper,
				"look");
	}

	private List<String> admit(int most) {
		return redis.evalsha(this.admitSha, ScriptOutputType.MULTI, this.keys.forRoom().toArray(String[]::new),
				"600000", String.valueOf(most));
	}

	private List<String> buy(String shopper, String admitted) {
		return redis.evalsha(this.purchaseSha, ScriptOutputType.MULTI,
				this.keys.forPurchase(shopper, "127.0.0.1").toArray(String[]::new), "s", shopper, "1", "s.o-" + shopper,
				"", "5000", "0", "0", "0", "0", admitted);
	}

	/**
	 * The pre-queue's order key of a shopper, as room-join.lua draws it from the seed.
	 */
	private static long drawn(String shopper) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((SEED + " " + shopper).getBytes(StandardCharsets.UTF_8));
			return Long.parseLong(HexFormat.of().formatHex(digest).substring(0, 13), 16);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Spearman's rank correlation of two orders of the same elements. */
	private static double rankCorrelation(List<String> first, List<String> second) {
		assertThat(new HashSet<>(second)).isEqualTo(new HashSet<>(first));
		double squares = 0;
		for (int i = 0; i < first.size(); i++) {
			double d = i - second.indexOf(first.get(i));
			squares += d * d;
		}
		double n = first.size();
		return 1 - 6 * squares / (n * (n * n - 1));
	}

}
