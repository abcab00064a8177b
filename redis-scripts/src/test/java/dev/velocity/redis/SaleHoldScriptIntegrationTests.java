package dev.velocity.redis;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sale-hold.lua} against real Redis, with {@code sale-rebuild.lua}'s stamp: a hold
 * goes by the rebuild its caller's figures came from, so books read before a rebuild
 * never close the sale that rebuild reopened.
 */
class SaleHoldScriptIntegrationTests extends ScriptTestSupport {

	private String holdSha;

	private String rebuildSha;

	private SaleKeys keys;

	@BeforeEach
	void load() {
		this.holdSha = load(VelocityScripts.SALE_HOLD);
		this.rebuildSha = load(VelocityScripts.SALE_REBUILD);
		this.keys = SaleKeys.of("hold-" + UUID.randomUUID());
	}

	@Test
	void holdsASaleNeverRebuiltAndKeepsItsStock() {
		redis.hset(this.keys.sale(),
				Map.of("name", "s", "initial", "10", "remaining", "7", "sold", "3", "closed", "0"));

		assertThat(hold("")).containsExactly("HELD");

		assertThat(redis.hgetall(this.keys.sale())).containsEntry("closed", "1")
			.containsEntry("remaining", "7")
			.containsEntry("sold", "3");
	}

	@Test
	void leavesAClosedStandInWithNoStockForASaleRedisLost() {
		assertThat(hold("")).containsExactly("HELD");

		assertThat(redis.hgetall(this.keys.sale()))
			.containsExactlyInAnyOrderEntriesOf(Map.of("remaining", "0", "initial", "0", "sold", "0", "closed", "1"));
	}

	@Test
	void leavesASaleRebuiltSinceTheCallersReadOpen() {
		assertThat(hold("")).containsExactly("HELD");
		assertThat(rebuild()).first().isEqualTo("REBUILT");
		String stamp = redis.hget(this.keys.sale(), "rebuilt");
		assertThat(stamp).as("Redis's clock in epoch microseconds").hasSize(16);
		assertThat(Long.parseLong(stamp) / 1_000).isCloseTo(redisNow(), org.assertj.core.data.Offset.offset(5_000L));

		assertThat(hold("")).as("books read before the rebuild").containsExactly("REBUILT");
		assertThat(redis.hget(this.keys.sale(), "closed")).isEqualTo("0");

		assertThat(hold(stamp)).as("books read after it").containsExactly("HELD");
		assertThat(redis.hget(this.keys.sale(), "closed")).isEqualTo("1");
		assertThat(rebuild()).first().isEqualTo("REBUILT");
		assertThat(redis.hget(this.keys.sale(), "rebuilt")).as("a new stamp for each rebuild").isNotEqualTo(stamp);
		assertThat(hold(stamp)).containsExactly("REBUILT");
	}

	@Test
	void anUnconditionalHoldHoldsWhateverRebuiltTheSale() {
		rebuild();

		assertThat(hold("*")).containsExactly("HELD");
		assertThat(redis.hget(this.keys.sale(), "closed")).isEqualTo("1");
	}

	@Test
	void leavesAnArchivedSaleAsItIs() {
		redis.hset(this.keys.sale(), "archived", "1");

		assertThat(hold("*")).containsExactly("ARCHIVED");
		assertThat(hold("")).containsExactly("ARCHIVED");
		assertThat(redis.hgetall(this.keys.sale())).containsExactlyEntriesOf(Map.of("archived", "1"));
	}

	private List<String> hold(String rebuiltSeen) {
		return redis.evalsha(this.holdSha, ScriptOutputType.MULTI, new String[] { this.keys.sale() }, rebuiltSeen);
	}

	/** A one-call rebuild with one order of 2 units, out of 10. */
	private List<String> rebuild() {
		return redis.evalsha(this.rebuildSha, ScriptOutputType.MULTI, this.keys.forRebuild().toArray(String[]::new),
				"s", "10", "0", "0", "0", "first", "1", "o1", "u1", "2", "{}", "");
	}

}
