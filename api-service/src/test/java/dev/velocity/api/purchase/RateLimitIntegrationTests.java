package dev.velocity.api.purchase;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits per shopper and per client address, kept in Redis: one client with many
 * accounts gets no more than its address's limit, forged {@code X-Forwarded-For} entries
 * do not help, two instances share one limit, a sale's own limits apply to it, and
 * retries on an archived sale, answered from the order store, are limited too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "velocity.rate-limit.address.per-second=5", "velocity.rate-limit.address.burst=20" })
@UsesRealServers
class RateLimitIntegrationTests {

	/** A sale with limits of its own. */
	private static final String GENEROUS_SALE = "generous-" + UUID.randomUUID().toString().substring(0, 8);

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("velocity.rate-limit.sales." + GENEROUS_SALE + ".address.per-second", () -> "1000");
		registry.add("velocity.rate-limit.sales." + GENEROUS_SALE + ".address.burst", () -> "1000");
	}

	@Test
	void oneAddressWithThreeHundredAccountsGetsNoMoreThanItsLimit(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("one-address");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(300, 1L));
		double limitedBefore = rateLimited();

		long start = System.nanoTime();
		List<ApiClient.Answer> answers = storm(api, saleId, 300, (i) -> "203.0.113.50");
		double seconds = (System.nanoTime() - start) / 1e9;

		long accepted = answers.stream().filter((answer) -> answer.status() == 200).count();
		// The bucket: 20 at once, then 5 a second.
		assertThat(accepted).isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + (long) Math.ceil(5 * seconds) + 1);
		List<ApiClient.Answer> limited = answers.stream().filter((answer) -> answer.status() != 200).toList();
		assertThat(limited).isNotEmpty().allSatisfy((answer) -> {
			assertThat(answer.status()).isEqualTo(429);
			assertThat(answer.type()).isEqualTo("https://velocity.dev/problems/rate-limited");
			assertThat(answer.text("scope")).isEqualTo("address");
			assertThat(answer.raw().headers().firstValue("Retry-After"))
				.hasValueSatisfying((value) -> assertThat(Long.parseLong(value)).isPositive());
		});
		assertThat(api.getSale(saleId).number("sold")).isEqualTo(accepted);
		assertThat(rateLimited()).isEqualTo(limitedBefore + limited.size());
	}

	@Test
	void forgedForwardedForEntriesDoNotEscapeTheLimit(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("forged-hops");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(300, 1L));

		long start = System.nanoTime();
		// The client invents a hop of its own each time; the balancer appends what it
		// saw.
		List<ApiClient.Answer> answers = storm(api, saleId, 200, (i) -> "198.18." + (i % 250) + ".1, 203.0.113.77");
		double seconds = (System.nanoTime() - start) / 1e9;

		long accepted = answers.stream().filter((answer) -> answer.status() == 200).count();
		assertThat(accepted).isLessThanOrEqualTo(20 + (long) Math.ceil(5 * seconds) + 1);
	}

	@Test
	void twoInstancesShareOneLimit(ApiClient a, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("shared-limit");
		a.putSale(saleId, ApiIntegrationTestSupport.openSale(100, null));
		try (ConfigurableApplicationContext other = ApiIntegrationTestSupport.startInstance(servers)) {
			ApiClient b = new ApiClient(ApiIntegrationTestSupport.port(other));
			int acceptedOnA = 0;
			int acceptedOnB = 0;
			long start = System.nanoTime();
			// One shopper (2 a second, bursts of 5), alternating between the instances.
			for (int i = 0; i < 20; i++) {
				ApiClient api = (i % 2 == 0) ? a : b;
				ApiClient.Answer answer = api.buy(saleId, "hasty", 1);
				assertThat(answer.status()).isIn(200, 429);
				if (answer.status() == 200) {
					acceptedOnA += (api == a) ? 1 : 0;
					acceptedOnB += (api == b) ? 1 : 0;
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			// Each instance on its own would have let 5 through at once: together, 5 in
			// all.
			assertThat(acceptedOnA + acceptedOnB).isGreaterThanOrEqualTo(5)
				.isLessThanOrEqualTo(5 + (int) Math.ceil(2 * seconds) + 1);
			assertThat(acceptedOnA).isPositive();
			assertThat(acceptedOnB).isPositive();
		}
	}

	@Test
	void aSaleHasItsOwnLimitsWhereConfigured(ApiClient api) {
		api.putSale(GENEROUS_SALE, ApiIntegrationTestSupport.openSale(300, 1L));

		List<ApiClient.Answer> answers = storm(api, GENEROUS_SALE, 300, (i) -> "203.0.113.99");

		assertThat(answers).allSatisfy((answer) -> assertThat(answer.status()).isEqualTo(200));
	}

	@Test
	void retriesOnAnArchivedSaleAreLimitedLikeAnyPurchase(ApiClient api, ClassServers servers) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("archived-limit");
		String orderId = ApiIntegrationTestSupport.archivedSaleWithKeyedOrder(api, servers, saleId, "keeper", "keep-1");
		// The shopper's retry with its own key still gets its order.
		ApiClient.Answer replayed = api.buyAsync(saleId, "keeper", 1, "keep-1").join();
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.text("orderId")).isEqualTo(orderId);

		// Each retry with a key makes the API read the order store: limited, as any
		// purchase.
		long start = System.nanoTime();
		List<ApiClient.Answer> retries = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			retries.add(api.buyAsync(saleId, "keeper", 1, "made-up-" + i).join());
		}
		double seconds = (System.nanoTime() - start) / 1e9;

		List<ApiClient.Answer> limited = retries.stream().filter((answer) -> answer.status() == 429).toList();
		assertThat(limited).isNotEmpty().allSatisfy((answer) -> assertThat(answer.text("scope")).isEqualTo("shopper"));
		assertThat(retries.size() - limited.size()).isLessThanOrEqualTo(5 + (int) Math.ceil(2 * seconds) + 1);
		assertThat(retries).allSatisfy((answer) -> assertThat(answer.status()).isIn(409, 429));
	}

	private static List<ApiClient.Answer> storm(ApiClient api, String saleId, int shoppers,
			java.util.function.IntFunction<String> forwardedFor) {
		List<CompletableFuture<ApiClient.Answer>> purchases = new ArrayList<>();
		for (int i = 0; i < shoppers; i++) {
			purchases.add(api.buyFromAsync(saleId, "account-" + saleId + "-" + i, forwardedFor.apply(i)));
			if (purchases.size() % 50 == 0) {
				purchases.get(purchases.size() - 1).join();
			}
		}
		return purchases.stream().map(CompletableFuture::join).toList();
	}

	private double rateLimited() {
		var counter = this.meters.find("velocity.purchases").tag("outcome", "rate_limited").counter();
		return (counter != null) ? counter.count() : 0;
	}

}
