package dev.velocity.api.inventory;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.api.live.StockSnapshot;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.simp.stomp.StompSession;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A sale closed before its time, on real servers and two API instances. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class SaleClosingIntegrationTests {

	@Autowired
	SaleArchive archive;

	@Test
	void aSaleClosedOnOneInstanceRefusesPurchasesAtOnceOnAnotherAndPagesHearOfIt(ApiClient api, ClassServers servers)
			throws Exception {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("close");
		assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(100, null)).status()).isEqualTo(201);
		assertThat(api.buy(saleId, "alice", 1).status()).isEqualTo(200);
		try (ConfigurableApplicationContext other = ApiIntegrationTestSupport.startInstance(servers)) {
			int otherPort = ApiIntegrationTestSupport.port(other);
			ApiClient onOther = new ApiClient(otherPort);
			List<StockSnapshot> heard = new CopyOnWriteArrayList<>();
			StompSession page = ApiIntegrationTestSupport.subscribe(otherPort, "/topic/stock/" + saleId,
					StockSnapshot.class, heard);
			await().atMost(Duration.ofSeconds(5)).until(() -> !heard.isEmpty());
			assertThat(heard.get(heard.size() - 1).endsAt()).isNull();

			ApiClient.Answer closed = close(api, saleId);

			assertThat(closed.status()).isEqualTo(200);
			assertThat(closed.text("state")).isEqualTo("ENDED");
			ApiClient.Answer refused = onOther.buy(saleId, "bob", 1);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.type()).endsWith("/sale-not-open");
			ApiClient.Answer sale = onOther.getSale(saleId);
			assertThat(sale.text("state")).isEqualTo("ENDED");
			assertThat(sale.number("sold")).isEqualTo(1);
			assertThat(sale.number("remaining")).isEqualTo(99);
			await().atMost(Duration.ofSeconds(5)).until(() -> heard.get(heard.size() - 1).endsAt() != null);
			assertThat(heard.get(heard.size() - 1).endsAt()).isEqualTo(Instant.parse(closed.text("endsAt")));
			page.disconnect();

			ApiClient.Answer again = close(onOther, saleId);
			assertThat(again.status()).isEqualTo(200);
			assertThat(again.text("endsAt")).as("closing a closed sale changes nothing")
				.isEqualTo(closed.text("endsAt"));
		}
	}

	@Test
	void aSaleClosedBeforeItsStartNeverOpens(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("close-early");
		api.putSale(saleId,
				Map.of("name", "Later", "stock", 10, "startsAt", Instant.now().plusSeconds(3600).toString()));

		ApiClient.Answer closed = close(api, saleId);

		assertThat(closed.text("state")).isEqualTo("ENDED");
		assertThat(closed.text("startsAt")).isEqualTo(closed.text("endsAt"));
		assertThat(api.buy(saleId, "carol", 1).type()).endsWith("/sale-not-open");
	}

	@Test
	void aRestockRedisRefusesLeavesTheDurableRecordAsItWasAndTheSaleClosesWhole(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("close-refused");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, null));
		api.buy(saleId, "dan", 2);
		assertThat(api.putSale(saleId, ApiIntegrationTestSupport.openSale(1, null)).status()).isEqualTo(409);

		assertThat(this.archive.find(saleId)).hasValueSatisfying((kept) -> assertThat(kept.stock()).isEqualTo(10));
		ApiClient.Answer closed = close(api, saleId);
		assertThat(closed.status()).isEqualTo(200);
		assertThat(closed.number("initialStock")).isEqualTo(10);
		assertThat(closed.number("remaining")).isEqualTo(8);
	}

	@Test
	void closingASaleThatDoesNotExistIsNotFound(ApiClient api) {
		ApiClient.Answer answer = close(api, "no-such-sale");

		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.type()).endsWith("/sale-not-found");
	}

	private static ApiClient.Answer close(ApiClient api, String saleId) {
		return api.send(ApiClient.admin(api.request("/admin/sales/" + saleId + "/close"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

}
