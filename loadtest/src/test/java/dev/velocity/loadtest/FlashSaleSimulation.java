package dev.velocity.loadtest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stressPeakUsers;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * Velocity under a crowd of signed-in shoppers, against any URL:
 * <ul>
 * <li>{@code spike} (the default): a quiet start, then a tenth of the crowd at once and
 * the rest in a stress peak, as when a drop opens;
 * <li>{@code steady}: a constant arrival rate;
 * <li>{@code stampede}: the crowd joins the sale's waiting room at once, polls until
 * admitted (or sold out) and buys with the admission.
 * </ul>
 * The run fails when the p99 or the share of failed requests is over its bound, or when
 * the shoppers were told of more purchases than the sale had units (or than Redis sold).
 * A 409 (sold out, limit) or 429 (slow down) is an answer, not a failure.
 */
public class FlashSaleSimulation extends Simulation {

	private final Settings settings = Settings.fromSystemProperties();

	private final Shop shop = new Shop(this.settings);

	private final AtomicLong accepted = new AtomicLong();

	private final String admin;

	public FlashSaleSimulation() throws Exception {
		this.admin = this.shop.adminToken();
		int arrivals = switch (this.settings.profile()) {
			case "steady" -> (int) Math.ceil(this.settings.rate() * this.settings.seconds());
			default -> this.settings.users();
		};
		// Each arrival a shopper of their own, up to a pool that the per-shopper limit
		// allows.
		List<Map<String, Object>> shoppers = this.shop.shopperTokens(Math.min(arrivals, 20_000))
			.stream()
			.map((token) -> Map.<String, Object>of("token", token))
			.toList();
		HttpProtocolBuilder protocol = http.baseUrl(this.settings.url())
			.acceptHeader("application/json")
			.contentTypeHeader("application/json");
		ScenarioBuilder crowd = scenario(this.settings.profile()).feed(listFeeder(shoppers).circular())
			.exec(this.settings.profile().equals("stampede") ? queueThenBuy() : buy(false));
		PopulationBuilder run = switch (this.settings.profile()) {
			case "steady" ->
				crowd.injectOpen(constantUsersPerSec(this.settings.rate()).during(this.settings.seconds()));
			case "stampede" -> crowd.injectOpen(nothingFor(this.settings.quietSeconds()),
					rampUsers(this.settings.users()).during(Math.max(1, this.settings.seconds() / 5)));
			case "spike" -> crowd.injectOpen(spike());
			default -> throw new IllegalArgumentException(
					"velocity.profile is spike, steady or stampede, not " + this.settings.profile());
		};
		setUp(run.andThen(books().injectOpen(atOnceUsers(1)))).protocols(protocol)
			.assertions(global().responseTime().percentile(99.0).lt(this.settings.p99Millis()),
					global().failedRequests().percent().lte(this.settings.maxErrorPercent()),
					details("books").failedRequests().count().is(0L));
	}

	@Override
	public void before() {
		try {
			this.shop.putSale(this.admin);
			if (this.settings.profile().equals("stampede")) {
				this.shop.putWaitingRoom(this.admin);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not set the sale up: " + ex.getMessage(), ex);
		}
	}

	private OpenInjectionStep[] spike() {
		int users = this.settings.users();
		return new OpenInjectionStep[] { nothingFor(this.settings.quietSeconds()), atOnceUsers(users / 10),
				stressPeakUsers(users - users / 10).during(this.settings.seconds()) };
	}

	private ChainBuilder buy(boolean admitted) {
		var request = http("POST /buy").post("/buy")
			.header("Authorization", "Bearer #{token}")
			.body(StringBody("{\"saleId\":\"" + this.settings.sale() + "\"}"))
			.check(status().in(200, 409, 429).saveAs("status"));
		return exec(admitted ? request.header("Velocity-Admission", "#{admission}") : request).exec((session) -> {
			if (session.getInt("status") == 200) {
				this.accepted.incrementAndGet();
			}
			return session;
		});
	}

	private ChainBuilder queueThenBuy() {
		String queue = "/sales/" + this.settings.sale() + "/queue";
		return exec(http("POST queue").post(queue)
			.header("Authorization", "Bearer #{token}")
			.check(status().is(200), jmesPath("state").saveAs("state"),
					jmesPath("admission").optional().saveAs("admission")))
			.exec(asLongAs((session) -> "WAITING".equals(session.getString("state")))
				.on(pause(1).exec(http("GET queue").get(queue)
					.header("Authorization", "Bearer #{token}")
					.check(status().in(200, 429), jmesPath("state").optional().saveAs("state"),
							jmesPath("admission").optional().saveAs("admission")))))
			.exec(doIf((session) -> "ADMITTED".equals(session.getString("state"))).then(buy(true)));
	}

	/** After the crowd: the sale's books against what the shoppers were told. */
	private ScenarioBuilder books() {
		return scenario("books").exec(http("books").get("/admin/sales/" + this.settings.sale())
			.header("Authorization", "Bearer " + this.admin)
			.check(status().is(200),
					jmesPath("sold").ofLong()
						.transform((sold) -> sold <= this.settings.stock() && this.accepted.get() <= sold)
						.is(true)));
	}

}
