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

/**
 * A sale's life after its definition, on real servers: closed before its time (on two API
 * instances), and deleted when it never sold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class SaleLifecycleIntegrationTests {

	@Autowired
	SaleRecords records;

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

			assertThat(ids(api.send(api.request("/sales").GET().build()))).as("the shop's list").doesNotContain(saleId);
			assertThat(ids(api.send(ApiClient.admin(api.request("/admin/sales?state=ENDED")).GET().build())))
				.contains(saleId);
			assertThat(
					ids(api.send(ApiClient.admin(api.request("/admin/sales?state=OPEN&state=UPCOMING")).GET().build())))
				.doesNotContain(saleId);

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

		assertThat(this.records.find(saleId)).hasValueSatisfying((kept) -> assertThat(kept.stock()).isEqualTo(10));
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

	@Test
	void deletesASaleThatNeverSoldAndIsNotOpenAndNothingElse(ApiClient api) {
		String scheduled = ApiIntegrationTestSupport.uniqueSaleId("delete-scheduled");
		api.putSale(scheduled,
				Map.of("name", "Later", "stock", 10, "startsAt", Instant.now().plusSeconds(3600).toString()));
		api.putWaitingRoom(scheduled, Map.of("admissionsPerSecond", 1, "admissionSeconds", 60));

		assertThat(delete(api, scheduled).status()).isEqualTo(204);
		assertThat(api.getSale(scheduled).status()).isEqualTo(404);
		assertThat(this.records.find(scheduled)).as("the durable record").isEmpty();
		assertThat(api.getWaitingRoom(scheduled).status()).as("its waiting room").isEqualTo(404);
		assertThat(delete(api, scheduled).status()).isEqualTo(404);
		assertThat(api.putSale(scheduled, ApiIntegrationTestSupport.openSale(5, null)).status())
			.as("the id is free again")
			.isEqualTo(201);

		String open = ApiIntegrationTestSupport.uniqueSaleId("delete-open");
		api.putSale(open, ApiIntegrationTestSupport.openSale(10, null));
		ApiClient.Answer refused = delete(api, open);
		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.type()).endsWith("/sale-not-deletable");
		assertThat(refused.text("reason")).isEqualTo("OPEN");
		assertThat(close(api, open).status()).isEqualTo(200);
		assertThat(delete(api, open).status()).as("closed, and nobody bought").isEqualTo(204);

		String sold = ApiIntegrationTestSupport.uniqueSaleId("delete-sold");
		api.putSale(sold, ApiIntegrationTestSupport.openSale(10, null));
		assertThat(api.buy(sold, "erin", 1).status()).isEqualTo(200);
		close(api, sold);
		ApiClient.Answer kept = delete(api, sold);
		assertThat(kept.status()).isEqualTo(409);
		assertThat(kept.text("reason")).isEqualTo("HAS_SALES");
		assertThat(kept.number("sold")).isEqualTo(1);
		assertThat(api.getSale(sold).number("sold")).isEqualTo(1);
		assertThat(this.records.find(sold)).isPresent();
	}

	private static ApiClient.Answer delete(ApiClient api, String saleId) {
		return api.send(ApiClient.admin(api.request("/admin/sales/" + saleId)).DELETE().build());
	}

	private static List<String> ids(ApiClient.Answer list) {
		assertThat(list.status()).isEqualTo(200);
		List<String> ids = new java.util.ArrayList<>();
		list.body().forEach((sale) -> ids.add(sale.path("saleId").asString()));
		return ids;
	}

	private static ApiClient.Answer close(ApiClient api, String saleId) {
		return api.send(ApiClient.admin(api.request("/admin/sales/" + saleId + "/close"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

}
