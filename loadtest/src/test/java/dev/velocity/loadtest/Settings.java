package dev.velocity.loadtest;

import java.util.Locale;

/**
 * What a run is pointed at and how hard it pushes, from system properties
 * ({@code -Dvelocity.url=...} on the Maven command line).
 *
 * @param url the API's base URL
 * @param tokenEndpoint an OAuth2 token endpoint that signs shoppers in with the password
 * grant (the local issuer's), or empty when {@code shopperTokens} names a file
 * @param shopperTokens a file of shoppers' access tokens, one a line (from the shop's own
 * identity provider), or empty
 * @param adminToken an admin access token, or empty to ask the token endpoint for one
 * with {@code adminSecret}
 * @param adminSecret the local issuer's admin client secret
 * @param profile {@code spike}, {@code steady} or {@code stampede}
 * @param sale the sale to buy from (created or restocked first)
 * @param stock its stock
 * @param users shoppers arriving (spike, stampede)
 * @param seconds how long arrivals last
 * @param rate arrivals per second (steady)
 * @param quietSeconds nothing before the spike
 * @param admissionsPerSecond the waiting room's rate (stampede)
 * @param p99Millis the p99 the run must stay under
 * @param maxErrorPercent the share of failed requests the run may have
 */
record Settings(String url, String tokenEndpoint, String shopperTokens, String adminToken, String adminSecret,
		String profile, String sale, long stock, int users, int seconds, double rate, int quietSeconds,
		double admissionsPerSecond, int p99Millis, double maxErrorPercent) {

	static Settings fromSystemProperties() {
		return new Settings(text("url", "http://localhost:8080"), text("tokenEndpoint", ""), text("shopperTokens", ""),
				text("adminToken", ""), text("adminSecret", ""), text("profile", "spike").toLowerCase(Locale.ROOT),
				text("sale", "gatling-" + Long.toString(System.currentTimeMillis(), 36)),
				Long.parseLong(text("stock", "1000")), Integer.parseInt(text("users", "5000")),
				Integer.parseInt(text("seconds", "10")), Double.parseDouble(text("rate", "200")),
				Integer.parseInt(text("quietSeconds", "2")), Double.parseDouble(text("admissionsPerSecond", "100")),
				Integer.parseInt(text("p99Millis", "1000")), Double.parseDouble(text("maxErrorPercent", "1")));
	}

	private static String text(String name, String otherwise) {
		String value = System.getProperty("velocity." + name);
		return (value == null || value.isBlank()) ? otherwise : value.strip();
	}

}
