package dev.velocity.redis;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sale-delete.lua} against real Redis: only a sale that never sold and is not open
 * goes.
 */
class SaleDeleteScriptIntegrationTests extends ScriptTestSupport {

	private String sha;

	private SaleKeys keys;

	@BeforeEach
	void load() {
		this.sha = load(VelocityScripts.SALE_DELETE);
		this.keys = SaleKeys.of("del-" + UUID.randomUUID());
	}

	@Test
	void deletesAScheduledSaleThatNeverSoldAndEveryKeyOfIt() {
		sale(redisNow() + HOUR, 0, 0);
		redis.hset(this.keys.idempotency(), "x", "y");

		assertThat(delete()).containsExactly("DELETED");
		assertThat(redis.exists(this.keys.sale(), this.keys.buyers(), this.keys.orders(), this.keys.idempotency()))
			.isZero();
		assertThat(delete()).containsExactly("NOT_FOUND");
	}

	@Test
	void deletesAnEndedSaleNobodyBoughtFrom() {
		sale(redisNow() - HOUR, redisNow() - 1, 0);

		assertThat(delete()).containsExactly("DELETED");
	}

	@Test
	void keepsAnOpenSaleAndOneThatSold() {
		sale(redisNow() - HOUR, 0, 0);
		assertThat(delete()).containsExactly("OPEN");

		sale(redisNow() + HOUR, 0, 3);
		assertThat(delete()).containsExactly("HAS_SALES", "3");
		assertThat(redis.exists(this.keys.sale())).isOne();
	}

	private void sale(long starts, long ends, long sold) {
		redis.hset(this.keys.sale(),
				Map.of("name", "s", "initial", "10", "remaining", String.valueOf(10 - sold), "sold",
						String.valueOf(sold), "limit", "0", "starts", String.valueOf(starts), "ends",
						String.valueOf(ends)));
	}

	private List<String> delete() {
		return redis.evalsha(this.sha, ScriptOutputType.MULTI, this.keys.forRebuild().toArray(String[]::new));
	}

}
