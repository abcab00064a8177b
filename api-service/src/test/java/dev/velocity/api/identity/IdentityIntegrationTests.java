package dev.velocity.api.identity;

import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import dev.velocity.testsupport.UsesRealServers;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.velocity.testsupport.ApiClient;
import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.localservers.LocalIssuer;
import dev.velocity.testsupport.SharedServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shoppers and admins are whoever their token says, checked against a real issuer whose
 * keys the API fetches over HTTP: every refusal a 401 or 403 problem, and nothing sold
 * for a token that does not hold.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@UsesRealServers
class IdentityIntegrationTests {

	/** Another provider, with a key of its own. */
	private static final LocalIssuer stranger = LocalIssuer.start(0, "other-secret");

	private ApiClient api;

	private String saleId;

	@AfterAll
	static void stopStranger() {
		stranger.close();
	}

	@BeforeEach
	void sale(ApiClient api) {
		this.api = api;
		this.saleId = ApiIntegrationTestSupport.uniqueSaleId("identity");
		this.api.putSale(this.saleId, ApiIntegrationTestSupport.openSale(100, 1L));
	}

	@Test
	void refusesAPurchaseWithoutAToken() {
		ApiClient.Answer answer = this.api
			.send(this.api.request("/buy").POST(ApiClient.body(Map.of("saleId", this.saleId))).build());

		assertUnauthorized(answer);
		assertThat(answer.raw().headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("Bearer"));
		assertNothingSold();
	}

	@Test
	void refusesAnExpiredToken() {
		LocalIssuer issuer = SharedServers.issuer();
		Instant past = Instant.now().minusSeconds(3_600);
		String expired = issuer.sign(issuer.claims("late-shopper", LocalIssuer.SHOPPER_SCOPE)
			.issueTime(Date.from(past.minusSeconds(60)))
			.notBeforeTime(Date.from(past.minusSeconds(60)))
			.expirationTime(Date.from(past))
			.build());

		assertUnauthorized(buyWith(expired));
		assertNothingSold();
	}

	@Test
	void refusesATokenSignedByAnotherKeyEvenInTheIssuersName() {
		String forged = stranger.sign(SharedServers.issuer().claims("forger", LocalIssuer.SHOPPER_SCOPE).build());

		assertUnauthorized(buyWith(forged));
		assertNothingSold();
	}

	@Test
	void refusesATokenOfAnotherIssuer() {
		assertUnauthorized(buyWith(stranger.shopperToken("outsider")));
	}

	@Test
	void refusesATokenForAnotherAudience() {
		LocalIssuer issuer = SharedServers.issuer();
		String elsewhere = issuer
			.sign(issuer.claims("wanderer", LocalIssuer.SHOPPER_SCOPE).audience("another-api").build());

		assertUnauthorized(buyWith(elsewhere));
		assertNothingSold();
	}

	@Test
	void refusesATokenWithoutExpiry() {
		LocalIssuer issuer = SharedServers.issuer();
		String forever = issuer.sign(issuer.claims("immortal", LocalIssuer.SHOPPER_SCOPE).expirationTime(null).build());

		assertUnauthorized(buyWith(forever));
	}

	@Test
	void refusesASubjectWithControlCharacters() {
		LocalIssuer issuer = SharedServers.issuer();
		for (String subject : new String[] { "alice\r\nforged", "alice ", "al\u0000ice", "alice\u200b" }) {
			JWTClaimsSet claims = issuer.claims(subject, LocalIssuer.SHOPPER_SCOPE).build();
			assertUnauthorized(buyWith(issuer.sign(claims)));
		}
		assertNothingSold();
	}

	@Test
	void refusesAnUnsignedToken() {
		String header = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"alg\":\"none\"}".getBytes());
		String claims = java.util.Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(
					SharedServers.issuer().claims("nobody", LocalIssuer.SHOPPER_SCOPE).build().toString().getBytes());

		assertUnauthorized(buyWith(header + "." + claims + "."));
	}

	@Test
	void takesTheShopperFromTheTokenNotTheBody() {
		ApiClient.Answer bought = this.api.send(this.api.buyRequestAs("dana", Map.of("saleId", this.saleId), null));

		assertThat(bought.status()).isEqualTo(200);
		assertThat(bought.text("userId")).isEqualTo("dana");
	}

	@Test
	void refusesABodyNamingAnotherShopper() {
		ApiClient.Answer answer = this.api
			.send(this.api.buyRequestAs("mallory", Map.of("saleId", this.saleId, "userId", "alice"), null));

		assertThat(answer.status()).isEqualTo(403);
		assertThat(answer.type()).endsWith("/shopper-mismatch");
		assertNothingSold();
	}

	@Test
	void onePerShopperHoldsForOneClientInventingShoppers() {
		// One client, one token: the userIds it makes up buy nothing.
		for (int i = 0; i < 20; i++) {
			ApiClient.Answer answer = this.api.send(
					this.api.buyRequestAs("one-client", Map.of("saleId", this.saleId, "userId", "made-up-" + i), null));
			assertThat(answer.status()).isEqualTo(403);
		}
		assertNothingSold();
		// As itself it buys its one unit, and no more.
		HttpRequest own = this.api.buyRequestAs("one-client", Map.of("saleId", this.saleId), null);
		assertThat(this.api.send(own).status()).isEqualTo(200);
		assertThat(this.api.send(own).type()).endsWith("/limit-reached");
	}

	@Test
	void showsAnOrderOnlyToItsShopperAndAdmins() {
		String orderId = this.api.buy(this.saleId, "erin", 1).text("orderId");

		assertThat(this.api.getOrderAs("erin", orderId).status()).isEqualTo(200);
		ApiClient.Answer someoneElse = this.api.getOrderAs("frank", orderId);
		assertThat(someoneElse.status()).isEqualTo(404);
		assertThat(someoneElse.type()).endsWith("/order-not-found");
		assertThat(this.api.getOrder(orderId).status()).as("an admin").isEqualTo(200);
		assertUnauthorized(this.api.send(this.api.request("/orders/" + orderId).GET().build()));
	}

	@Test
	void admitsOnlyTheAdminAuthorityToAdminCalls() {
		HttpRequest.Builder asShopper = ApiClient.as("grace", this.api.request("/admin/sales"));
		ApiClient.Answer shopper = this.api.send(asShopper.GET().build());
		assertThat(shopper.status()).isEqualTo(403);
		assertThat(shopper.type()).endsWith("/forbidden");
		assertThat(shopper.contentType()).startsWith("application/problem+json");

		assertUnauthorized(this.api.send(this.api.request("/admin/sales").GET().build()));
		assertUnauthorized(this.api
			.send(this.api.request("/admin/sales").header("Authorization", "Bearer not-a-token").GET().build()));

		ApiClient.Answer admin = this.api.send(ApiClient.admin(this.api.request("/admin/sales")).GET().build());
		assertThat(admin.status()).isEqualTo(200);
		assertThat(admin.raw().headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
	}

	@Test
	void tellsThePageWhereToSignIn() {
		ApiClient.Answer identity = this.api.send(this.api.request("/identity").GET().build());

		assertThat(identity.status()).isEqualTo(200);
		assertThat(identity.text("issuer")).isEqualTo(SharedServers.issuer().issuer().toString());
	}

	private ApiClient.Answer buyWith(String token) {
		return this.api.send(this.api.request("/buy")
			.header("Authorization", "Bearer " + token)
			.POST(ApiClient.body(Map.of("saleId", this.saleId)))
			.build());
	}

	private void assertUnauthorized(ApiClient.Answer answer) {
		assertThat(answer.status()).isEqualTo(401);
		assertThat(answer.type()).isEqualTo("https://velocity.dev/problems/unauthorized");
		assertThat(answer.contentType()).startsWith("application/problem+json");
	}

	private void assertNothingSold() {
		assertThat(this.api.getSale(this.saleId).number("sold")).isZero();
	}

}
