package dev.velocity.system;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.SharedServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis lets go: through both services, as processes, sales sold out by storms grow Redis
 * by their orders, and once they are archived (which waits for the worker to store every
 * order) Redis is back within a few bytes a sale of where it was.
 */
class ArchiveMemoryIntegrationTests {

	private static final int SALES = Integer.getInteger("velocity.archive.sales", 20);

	private static final int ORDERS = Integer.getInteger("velocity.archive.orders", 5_000);

	@Test
	void redisMemoryReturnsToWhereItWasAfterTheSalesAreArchived() {
		try (VelocitySystem velocity = new VelocitySystem()) {
			velocity.startApi();
			velocity.startWorker();
			List<String> saleIds = new ArrayList<>();
			for (int i = 0; i < SALES; i++) {
				String saleId = "memory-" + System.nanoTime() + "-" + i;
				saleIds.add(saleId);
			}
			long before = dataset();

			for (String saleId : saleIds) {
				assertThat(velocity.putSale(saleId, ORDERS, null).status()).isEqualTo(201);
			}
			List<Storm> storms = new ArrayList<>();
			for (String saleId : saleIds) {
				storms.add(Storm.untilSoldOut(velocity::apiBase, saleId, 3, Duration.ofMinutes(5)));
			}
			long accepted = 0;
			for (Storm storm : storms) {
				accepted += storm.await().accepted().size();
			}
			assertThat(accepted).isEqualTo((long) SALES * ORDERS);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> saleIds.stream()
					.allMatch((saleId) -> velocity.getSale(saleId).number("pendingHandOff") == 0));
			long live = dataset();

			for (String saleId : saleIds) {
				assertThat(close(velocity, saleId).status()).isEqualTo(200);
			}
			for (String saleId : saleIds) {
				// Archived once the worker has stored every order of the sale.
				await().atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> archive(velocity, saleId).status() == 200);
				ApiClient.Answer archived = velocity.getSale(saleId);
				assertThat(archived.text("state")).isEqualTo("ARCHIVED");
				assertThat(archived.number("sold")).isEqualTo(ORDERS);
				assertThat(archived.number("confirmed")).isEqualTo(ORDERS);
			}
			// The rate-limit buckets expire by themselves within seconds.
			await().atMost(Duration.ofSeconds(15)).until(() -> keys("*{memory-*}:rate:*") == 0);
			long after = dataset();

			long grown = live - before;
			long left = after - before;
			long tombstones = usage("*{memory-*}*");
			System.out.printf(
					"Redis dataset: %,d bytes before, %,d with %,d live orders (%,d bytes an order), %,d after "
							+ "archiving: %,d left, of which the sales' keys %,d (%,d bytes an archived sale)%n",
					before, live, (long) SALES * ORDERS, grown / ((long) SALES * ORDERS), after, left, tombstones,
					tombstones / SALES);
			assertThat(grown).as("the live orders grew Redis").isGreaterThan((long) SALES * ORDERS * 50);
			// Redis keeps its keyspace tables at their high-water mark (tens of thousands
			// of
			// rate-limit buckets came and went): a constant, counted in the dataset, that
			// the
			// next sales reuse.
			assertThat(left).as("what the archived sales left of the %,d bytes their orders took", grown)
				.isLessThan(grown / 20);
			assertThat(keys("*{memory-*}*")).as("one tombstone per sale").isEqualTo(SALES);
			assertThat(tombstones).as("bytes the tombstones hold").isLessThan(SALES * 200L);
		}
	}

	/** Redis's dataset in bytes (used memory less its own overhead). */
	private static long dataset() {
		return SharedServers.redis().info("memory", "used_memory_dataset");
	}

	/** Bytes the keys matching the pattern hold (MEMORY USAGE, every element counted). */
	private static long usage(String pattern) {
		String reply = SharedServers.redis()
			.command("EVAL \"local t = 0 for _, k in ipairs(redis.call('KEYS', ARGV[1])) do "
					+ "t = t + redis.call('MEMORY', 'USAGE', k, 'SAMPLES', 0) end return t\" 0 " + pattern);
		return Long.parseLong(reply.substring(1));
	}

	private static long keys(String pattern) {
		String reply = SharedServers.redis().command("EVAL \"return #redis.call('KEYS', ARGV[1])\" 0 " + pattern);
		return Long.parseLong(reply.substring(1));
	}

	private static ApiClient.Answer close(VelocitySystem velocity, String saleId) {
		return post(velocity, "/admin/sales/" + saleId + "/close");
	}

	private static ApiClient.Answer archive(VelocitySystem velocity, String saleId) {
		return post(velocity, "/admin/sales/" + saleId + "/archive");
	}

	private static ApiClient.Answer post(VelocitySystem velocity, String path) {
		return velocity.api()
			.send(ApiClient.admin(velocity.api().request(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

}
