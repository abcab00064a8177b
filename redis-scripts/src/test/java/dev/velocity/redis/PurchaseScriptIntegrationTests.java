package dev.velocity.redis;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The scripts' semantics, against a real redis-server. */
class PurchaseScriptIntegrationTests extends ScriptTestSupport {

	private static final AtomicInteger orderSequence = new AtomicInteger();

	private String purchaseSha;

	private String upsertSha;

	private String claimSha;

	@BeforeEach
	void loadScripts() {
		redis.flushall();
		redis.scriptFlush();
		this.purchaseSha = load(VelocityScripts.PURCHASE);
		this.upsertSha = load(VelocityScripts.SALE_UPSERT);
		this.claimSha = load(VelocityScripts.OUTBOX_CLAIM);
	}

	@Test
	void rejectsUnknownSale() {
		assertThat(buy("nope", "u1", 1)).containsExactly("NOT_FOUND");
	}

	@Test
	void rejectsSaleThatHasNotStarted() {
		long starts = redisNow() + HOUR;
		upsert("s", 10, 0, starts, 0);
		assertThat(buy("s", "u1", 1)).containsExactly("NOT_STARTED", String.valueOf(starts));
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("10");
	}

	@Test
	void rejectsSaleThatHasEnded() {
		long ends = redisNow() - 1;
		upsert("s", 10, 0, redisNow() - HOUR, ends);
		assertThat(buy("s", "u1", 1)).containsExactly("ENDED", String.valueOf(ends));
	}

	@Test
	void acceptsSaleBetweenStartAndEnd() {
		upsert("s", 10, 0, redisNow() - HOUR, redisNow() + HOUR);
		assertThat(buy("s", "u1", 1).get(0)).isEqualTo("RESERVED");
	}

	@Test
	void rejectsSaleHeldClosed() {
		upsert("s", 10, 0, 0, 0);
		redis.hset(SaleKeys.of("s").sale(), "closed", "1");
		assertThat(buy("s", "u1", 1)).containsExactly("CLOSED");
	}

	@Test
	void rejectsQuantityAboveRemainingStockWithoutTakingAny() {
		upsert("s", 3, 0, 0, 0);
		assertThat(buy("s", "u1", 4)).containsExactly("SOLD_OUT", "3");
		assertThat(buy("s", "u1", 3)).element(2).isEqualTo("0");
		assertThat(buy("s", "u2", 1)).containsExactly("SOLD_OUT", "0");
		assertThat(redis.hmget(SaleKeys.of("s").sale(), "remaining", "sold")).extracting((kv) -> kv.getValue())
			.containsExactly("0", "3");
	}

	@Test
	void acceptsUpToTheLimitExactlyThenRejects() {
		upsert("s", 100, 3, 0, 0);
		assertThat(buy("s", "u1", 2).get(0)).isEqualTo("RESERVED");
		assertThat(buy("s", "u1", 2)).containsExactly("LIMIT_REACHED", "3", "2");
		assertThat(buy("s", "u1", 1).get(0)).isEqualTo("RESERVED");
		assertThat(buy("s", "u1", 1)).containsExactly("LIMIT_REACHED", "3", "3");
		assertThat(buy("s", "u2", 3).get(0)).isEqualTo("RESERVED");
		assertThat(redis.hget(SaleKeys.of("s").buyers(), "u1")).isEqualTo("3");
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("94");
	}

	@Test
	void recordsTheOrderAndPutsItInTheOutbox() {
		upsert("s", 5, 0, 0, 0);
		List<String> reply = buy("s", "u1", 2, "key-1");
		String orderId = reply.get(1);
		assertThat(reply).containsExactly("RESERVED", orderId, "3", "0", reply.get(4));
		String json = redis.hget(SaleKeys.of("s").orders(), orderId);
		assertThat(json).isEqualTo(reply.get(4))
			.contains("\"u\":\"u1\"", "\"q\":2", "\"k\":\"key-1\"", "\"t\":")
			.as("the ids are the key's and the field's, not repeated")
			.doesNotContain(orderId, "\"s\"");
		Double due = redis.zscore(SaleKeys.of("s").outbox(), orderId);
		assertThat(due).isNotNull();
		assertThat(due.longValue()).isGreaterThan(redisNow() + 4_000);
		assertThat(redis.hget(SaleKeys.of("s").idempotency(), SaleKeys.idempotencyField("u1", "key-1")))
			.isEqualTo(orderId);
	}

	@Test
	void replaysTheSameOrderForTheSameIdempotencyKeyWithoutTakingStockTwice() {
		upsert("s", 5, 0, 0, 0);
		List<String> first = buy("s", "u1", 1, "retry-me");
		List<String> second = buy("s", "u1", 1, "retry-me");
		assertThat(second.get(0)).isEqualTo("RESERVED");
		assertThat(second.get(1)).isEqualTo(first.get(1));
		assertThat(second.get(3)).isEqualTo("1");
		assertThat(second.get(4)).isEqualTo(first.get(4));
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("4");
		assertThat(redis.hlen(SaleKeys.of("s").orders())).isEqualTo(1);
	}

	@Test
	void replaysEvenAfterTheSaleSoldOut() {
		upsert("s", 1, 0, 0, 0);
		List<String> first = buy("s", "u1", 1, "k");
		assertThat(buy("s", "u1", 1, "k")).element(1).isEqualTo(first.get(1));
	}

	@Test
	void replaysAnOrderStoredInTheLongerFormBefore() {
		upsert("s", 5, 0, 0, 0);
		redis.hset(SaleKeys.of("s").orders(), "s.old",
				"{\"orderId\":\"s.old\",\"saleId\":\"s\",\"userId\":\"u1\",\"quantity\":2,\"placedAt\":1}");
		redis.hset(SaleKeys.of("s").idempotency(), SaleKeys.idempotencyField("u1", "old-key"), "s.old");

		assertThat(buy("s", "u1", 2, "old-key")).element(1).isEqualTo("s.old");
		assertThat(buy("s", "u1", 1, "old-key")).containsExactly("IDEMPOTENCY_MISMATCH", "s.old");
	}

	@Test
	void rejectsAnIdempotencyKeyReusedForAnotherQuantity() {
		upsert("s", 5, 0, 0, 0);
		String orderId = buy("s", "u1", 1, "k").get(1);
		assertThat(buy("s", "u1", 2, "k")).containsExactly("IDEMPOTENCY_MISMATCH", orderId);
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("4");
	}

	@Test
	void scopesIdempotencyKeysPerShopper() {
		upsert("s", 5, 0, 0, 0);
		String alices = buy("s", "alice", 1, "k").get(1);
		List<String> bobs = buy("s", "bob", 1, "k");
		// Bob's key is his own: a new order, nothing of Alice's named.
		assertThat(bobs.get(0)).isEqualTo("RESERVED");
		assertThat(bobs.get(1)).isNotEqualTo(alices);
		assertThat(bobs.get(3)).isEqualTo("0");
		assertThat(String.join(",", bobs)).doesNotContain(alices);
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("3");
	}

	@Test
	void limitsAShopperToItsBurstThenItsRate() {
		upsert("s", 100, 0, 0, 0);
		// 1 request a second, bursts of 3.
		for (int i = 0; i < 3; i++) {
			assertThat(buy("s", "u1", 1, "", 5_000, "203.0.113.1", "1000", "3", "0", "0")).first()
				.isEqualTo("RESERVED");
		}
		List<String> refused = buy("s", "u1", 1, "", 5_000, "203.0.113.1", "1000", "3", "0", "0");
		assertThat(refused).hasSize(3).startsWith("RATE_LIMITED", "shopper");
		assertThat(Long.parseLong(refused.get(2))).isBetween(1L, 1_000L);
		// Nothing was taken for it, and another shopper is not held back.
		assertThat(redis.hget(SaleKeys.of("s").sale(), "remaining")).isEqualTo("97");
		assertThat(buy("s", "u2", 1, "", 5_000, "203.0.113.1", "1000", "3", "0", "0")).first().isEqualTo("RESERVED");
		// The state expires once the bucket is full again: bounded by the active
		// shoppers.
		assertThat(redis.pttl(SaleKeys.of("s").forPurchase("u1", "203.0.113.1").get(5))).isBetween(1L, 3_000L);
	}

	@Test
	void limitsAnAddressWhateverShopperItClaims() {
		upsert("s", 1000, 1, 0, 0);
		int accepted = 0;
		for (int i = 0; i < 300; i++) {
			List<String> reply = buy("s", "bot-" + i, 1, "", 5_000, "198.51.100.7", "0", "0", "1000", "10");
			if (reply.get(0).equals("RESERVED")) {
				accepted++;
			}
			else {
				assertThat(reply).startsWith("RATE_LIMITED", "address");
			}
		}
		// 10 at once, then 1 a second: a loop of 300 runs in well under a few seconds.
		assertThat(accepted).isBetween(10, 14);
		assertThat(buy("s", "someone", 1, "", 5_000, "192.0.2.1", "0", "0", "1000", "10")).first()
			.isEqualTo("RESERVED");
	}

	@Test
	void aRefusalByOneLimitDoesNotChargeTheOther() {
		upsert("s", 100, 0, 0, 0);
		// The address allows 1 at once; the shopper 2.
		assertThat(buy("s", "u1", 1, "", 5_000, "192.0.2.9", "60000", "2", "60000", "1")).first().isEqualTo("RESERVED");
		assertThat(buy("s", "u1", 1, "", 5_000, "192.0.2.9", "60000", "2", "60000", "1")).startsWith("RATE_LIMITED",
				"address");
		// From another address the shopper still has its second request.
		assertThat(buy("s", "u1", 1, "", 5_000, "192.0.2.10", "60000", "2", "60000", "1")).first()
			.isEqualTo("RESERVED");
	}

	@Test
	void writesNothingForASaleThatDoesNotExist() {
		assertThat(buy("ghost", "u1", 1, "", 5_000, "192.0.2.1", "1000", "3", "1000", "3"))
			.containsExactly("NOT_FOUND");
		assertThat(redis.dbsize()).isZero();
	}

	@Test
	void restockOfASoldOutSaleReopensItAndKeepsWhatWasSold() {
		upsert("s", 2, 1, 0, 0);
		buy("s", "u1", 1);
		buy("s", "u2", 1);
		assertThat(buy("s", "u3", 1)).containsExactly("SOLD_OUT", "0");
		assertThat(upsert("s", 5, 1, 0, 0)).containsExactly("OK", "3", "2", "0");
		assertThat(buy("s", "u3", 1)).element(2).isEqualTo("2");
		// The limit still counts what was bought before the restock.
		assertThat(buy("s", "u1", 1)).containsExactly("LIMIT_REACHED", "1", "1");
		assertThat(redis.hmget(SaleKeys.of("s").sale(), "initial", "remaining", "sold"))
			.extracting((kv) -> kv.getValue())
			.containsExactly("5", "2", "3");
	}

	@Test
	void refusesStockBelowWhatWasSold() {
		upsert("s", 5, 0, 0, 0);
		buy("s", "u1", 3);
		assertThat(upsert("s", 2, 0, 0, 0)).containsExactly("STOCK_BELOW_SOLD", "3");
		assertThat(redis.hget(SaleKeys.of("s").sale(), "initial")).isEqualTo("5");
	}

	@Test
	void createsASaleOnce() {
		assertThat(upsert("s", 5, 0, 0, 0)).containsExactly("OK", "5", "0", "1");
		assertThat(upsert("s", 5, 0, 0, 0)).containsExactly("OK", "5", "0", "0");
	}

	@Test
	void claimsOnlyDueOrdersAndLeasesThem() {
		upsert("s", 5, 0, 0, 0);
		String due = buy("s", "u1", 1, "", -1).get(1);
		String notDue = buy("s", "u2", 1, "", 60_000).get(1);
		List<String> claimed = claim("s", 30_000, 10);
		assertThat(claimed).as("the order's id, then its JSON").hasSize(2).first().isEqualTo(due);
		assertThat(claimed.get(1)).isEqualTo(redis.hget(SaleKeys.of("s").orders(), due)).contains("\"u\":\"u1\"");
		assertThat(redis.zscore(SaleKeys.of("s").outbox(), due).longValue()).isGreaterThan(redisNow() + 29_000);
		assertThat(redis.zscore(SaleKeys.of("s").outbox(), notDue)).isNotNull();
		// Leased: a second relay finds nothing due.
		assertThat(claim("s", 30_000, 10)).isEmpty();
	}

	@Test
	void dropsOutboxEntriesWithoutAnOrder() {
		redis.zadd(SaleKeys.of("s").outbox(), 0, "s.ghost");
		assertThat(claim("s", 1_000, 10)).isEmpty();
		assertThat(redis.zcard(SaleKeys.of("s").outbox())).isZero();
	}

	@Test
	void rebuildsASaleFromItsOrdersAndReopensIt() {
		upsert("s", 10, 2, 0, 0);
		buy("s", "u1", 1);
		redis.hset(SaleKeys.of("s").sale(), "closed", "1");
		String rebuildSha = load(VelocityScripts.SALE_REBUILD);

		List<String> reply = redis.evalsha(rebuildSha, ScriptOutputType.MULTI,
				SaleKeys.of("s").forRebuild().toArray(String[]::new), "Rebuilt", "10", "2", "0", "0", "first", "1",
				"s.a", "u1", "2", "{\"orderId\":\"s.a\",\"userId\":\"u1\",\"quantity\":2}", "key-a", "s.b", "u2", "3",
				"{\"orderId\":\"s.b\",\"userId\":\"u2\",\"quantity\":3}", "");

		assertThat(reply).containsExactly("REBUILT", "5", "5", "2");
		assertThat(redis.hmget(SaleKeys.of("s").sale(), "initial", "remaining", "sold", "closed"))
			.extracting((kv) -> kv.getValue())
			.containsExactly("10", "5", "5", "0");
		assertThat(redis.hgetall(SaleKeys.of("s").buyers())).containsOnly(Map.entry("u1", "2"), Map.entry("u2", "3"));
		assertThat(redis.hkeys(SaleKeys.of("s").orders())).containsExactlyInAnyOrder("s.a", "s.b");
		assertThat(redis.hget(SaleKeys.of("s").idempotency(), SaleKeys.idempotencyField("u1", "key-a")))
			.isEqualTo("s.a");
		// The rebuilt limit holds: u1 already has 2.
		assertThat(buy("s", "u1", 1)).containsExactly("LIMIT_REACHED", "2", "2");
		assertThat(buy("s", "u1", 1, "key-a")).containsExactly("IDEMPOTENCY_MISMATCH", "s.a");
	}

	@Test
	void rebuildsASaleInSeveralCallsAndRefusesToFinishOneRedisLostMidway() {
		upsert("s", 10, 0, 0, 0);
		buy("s", "u1", 4);
		redis.hset(SaleKeys.of("s").sale(), "closed", "1");
		String rebuildSha = load(VelocityScripts.SALE_REBUILD);
		String[] keys = SaleKeys.of("s").forRebuild().toArray(String[]::new);

		List<String> first = redis.evalsha(rebuildSha, ScriptOutputType.MULTI, keys, "Rebuilt", "10", "0", "0", "0",
				"first", "0", "s.a", "u1", "2", "{}", "");
		assertThat(first).containsExactly("CHUNK", "2", "1");
		// Still closed between the calls.
		assertThat(buy("s", "u9", 1)).containsExactly("CLOSED");
		List<String> reply = redis.evalsha(rebuildSha, ScriptOutputType.MULTI, keys, "Rebuilt", "10", "0", "0", "0",
				"2", "1", "s.b", "u2", "3", "{}", "");

		assertThat(reply).containsExactly("REBUILT", "5", "5", "2");
		assertThat(redis.hgetall(SaleKeys.of("s").buyers())).containsOnly(Map.entry("u1", "2"), Map.entry("u2", "3"));
		assertThat(redis.hexists(SaleKeys.of("s").sale(), "rebuilt-sold")).isFalse();

		// A rebuild (of a sale held closed) whose first call Redis lost (its running
		// total
		// gone) is not finished.
		redis.hset(SaleKeys.of("s").sale(), "closed", "1");
		redis.evalsha(rebuildSha, ScriptOutputType.MULTI, keys, "Rebuilt", "10", "0", "0", "0", "first", "0", "s.a",
				"u1", "2", "{}", "");
		redis.hdel(SaleKeys.of("s").sale(), "rebuilt-sold");
		List<String> interrupted = redis.evalsha(rebuildSha, ScriptOutputType.MULTI, keys, "Rebuilt", "10", "0", "0",
				"0", "2", "1", "s.b", "u2", "3", "{}", "");
		assertThat(interrupted).containsExactly("INTERRUPTED");
		assertThat(redis.hget(SaleKeys.of("s").sale(), "closed")).isEqualTo("1");
	}

	private List<String> upsert(String saleId, long stock, long limit, long starts, long ends) {
		return redis.evalsha(this.upsertSha, ScriptOutputType.MULTI, new String[] { SaleKeys.of(saleId).sale() },
				"name", String.valueOf(stock), String.valueOf(limit), String.valueOf(starts), String.valueOf(ends));
	}

	private List<String> buy(String saleId, String user, int quantity) {
		return buy(saleId, user, quantity, "");
	}

	private List<String> buy(String saleId, String user, int quantity, String idempotencyKey) {
		return buy(saleId, user, quantity, idempotencyKey, 5_000);
	}

	private List<String> buy(String saleId, String user, int quantity, String idempotencyKey, long graceMillis) {
		// No rate limits.
		return buy(saleId, user, quantity, idempotencyKey, graceMillis, "127.0.0.1", "0", "0", "0", "0");
	}

	private List<String> buy(String saleId, String user, int quantity, String idempotencyKey, long graceMillis,
			String address, String shopperInterval, String shopperBurst, String addressInterval, String addressBurst) {
		String orderId = saleId + ".o" + orderSequence.incrementAndGet();
		return redis.evalsha(this.purchaseSha, ScriptOutputType.MULTI,
				SaleKeys.of(saleId).forPurchase(user, address).toArray(String[]::new), saleId, user,
				String.valueOf(quantity), orderId, idempotencyKey, String.valueOf(graceMillis), shopperInterval,
				shopperBurst, addressInterval, addressBurst);
	}

	private List<String> claim(String saleId, long leaseMillis, int max) {
		return redis.evalsha(this.claimSha, ScriptOutputType.MULTI,
				SaleKeys.of(saleId).forOutboxClaim().toArray(String[]::new), String.valueOf(leaseMillis),
				String.valueOf(max));
	}

	@SuppressWarnings("unused")
	private static Map<String, String> sale(String saleId) {
		return redis.hgetall(SaleKeys.of(saleId).sale());
	}

}
