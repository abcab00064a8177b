package dev.velocity.redis;

import java.util.List;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sale-archive.lua} against real Redis: an ended sale whose books balance leaves
 * nothing but a tombstone, which refuses purchases and a new definition, and expires.
 */
class SaleArchiveScriptIntegrationTests extends ScriptTestSupport {

	private String archiveSha;

	private String purchaseSha;

	private String upsertSha;

	private String saleId;

	private SaleKeys keys;

	@BeforeEach
	void load() {
		this.archiveSha = load(VelocityScripts.SALE_ARCHIVE);
		this.purchaseSha = load(VelocityScripts.PURCHASE);
		this.upsertSha = load(VelocityScripts.SALE_UPSERT);
		this.saleId = "arch-" + UUID.randomUUID();
		this.keys = SaleKeys.of(this.saleId);
	}

	@Test
	void anEndedSaleWhoseOrdersAreAllAcknowledgedLeavesOnlyATombstoneThatExpires() {
		upsert(10, 0);
		buy("u1", "k1");
		buy("u2", "");
		redis.del(this.keys.outbox());
		redis.hset(this.keys.room(), "rate", "5");
		redis.zadd(this.keys.roomAdmitted(), 1, "u3");
		long ends = redisNow() - 1;
		upsert(10, ends);

		assertThat(archive(2, 60_000)).containsExactly("ARCHIVED");

		assertThat(redis.exists(this.keys.buyers(), this.keys.orders(), this.keys.idempotency(), this.keys.outbox(),
				this.keys.room(), this.keys.roomAdmitted()))
			.isZero();
		assertThat(redis.hgetall(this.keys.sale())).containsOnlyKeys("archived")
			.containsEntry("archived", String.valueOf(ends));
		assertThat(redis.pttl(this.keys.sale())).isBetween(1L, 60_000L);
		// Archiving again finds it done.
		assertThat(archive(2, 60_000)).containsExactly("ARCHIVED");
	}

	@Test
	void theTombstoneRefusesAPurchaseWithoutGrowingRedisAndANewDefinition() {
		upsert(10, 0);
		upsert(10, redisNow() - 1);
		assertThat(archive(0, 60_000)).containsExactly("ARCHIVED");
		long keysBefore = redis.dbsize();

		assertThat(buy("u9", "late").get(0)).isEqualTo("ARCHIVED");
		assertThat(redis.dbsize()).isEqualTo(keysBefore);
		assertThat(upsert(10, 0)).containsExactly("ARCHIVED");
		assertThat(redis.hgetall(this.keys.sale())).containsOnlyKeys("archived");
	}

	@Test
	void aRetryOnTheTombstoneIsRateLimitedAndAPurchaseWithoutAKeyWritesNothing() {
		upsert(10, 0);
		upsert(10, redisNow() - 1);
		assertThat(archive(0, 60_000)).containsExactly("ARCHIVED");
		long keysBefore = redis.dbsize();
		// A shopper's burst of 2, then one request a minute.
		assertThat(buy("u9", "", "60000", "2").get(0)).isEqualTo("ARCHIVED");
		assertThat(redis.dbsize()).as("no key: answered without a write").isEqualTo(keysBefore);

		// Each retry with a key costs the API a read of the order store: limited.
		assertThat(buy("u9", "retry-1", "60000", "2").get(0)).isEqualTo("ARCHIVED");
		assertThat(buy("u9", "retry-2", "60000", "2").get(0)).isEqualTo("ARCHIVED");
		assertThat(buy("u9", "retry-3", "60000", "2")).startsWith("RATE_LIMITED", "shopper");
		assertThat(buy("u8", "retry-1", "60000", "2").get(0)).as("another shopper").isEqualTo("ARCHIVED");
		// The limits' keys expire on their own; the tombstone is unchanged.
		assertThat(redis.pttl(this.keys.sale() + ":rate:shopper:u9")).isBetween(1L, 120_000L);
		assertThat(redis.hgetall(this.keys.sale())).containsOnlyKeys("archived");
	}

	@Test
	void waitsForTheEndTheQueueAndTheBooks() {
		upsert(10, 0);
		buy("u1", "");
		assertThat(archive(1, 60_000)).containsExactly("NOT_ENDED", "0");

		upsert(10, redisNow() - 1);
		assertThat(archive(1, 60_000)).containsExactly("IN_TRANSIT", "1");

		redis.del(this.keys.outbox());
		assertThat(archive(0, 60_000)).as("Redis sold one unit; none were persisted")
			.containsExactly("SOLD_CHANGED", "1");

		redis.hset(this.keys.sale(), "closed", "1");
		assertThat(archive(1, 60_000)).containsExactly("HELD");
		assertThat(redis.exists(this.keys.orders())).isOne();
	}

	@Test
	void anUnknownSaleIsNotFound() {
		assertThat(archive(0, 60_000)).containsExactly("NOT_FOUND");
		assertThat(redis.exists(this.keys.sale())).isZero();
	}

	private List<String> archive(long sold, long tombstoneMillis) {
		return redis.evalsha(this.archiveSha, ScriptOutputType.MULTI, this.keys.forArchive().toArray(String[]::new),
				String.valueOf(sold), String.valueOf(tombstoneMillis));
	}

	private List<String> upsert(long stock, long ends) {
		return redis.evalsha(this.upsertSha, ScriptOutputType.MULTI, new String[] { this.keys.sale() }, "name",
				String.valueOf(stock), "0", "0", String.valueOf(ends));
	}

	private List<String> buy(String user, String idempotencyKey) {
		return buy(user, idempotencyKey, "0", "0");
	}

	private List<String> buy(String user, String idempotencyKey, String shopperInterval, String shopperBurst) {
		return redis.evalsha(this.purchaseSha, ScriptOutputType.MULTI,
				this.keys.forPurchase(user, "127.0.0.1").toArray(String[]::new), this.saleId, user, "1",
				this.saleId + "." + UUID.randomUUID(), idempotencyKey, "5000", shopperInterval, shopperBurst, "0", "0",
				"0");
	}

}
