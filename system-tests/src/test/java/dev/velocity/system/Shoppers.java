package dev.velocity.system;

import java.net.http.HttpRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.velocity.localstack.SharedServers;

/**
 * Signed-in shoppers and the admin, with tokens of the shared test issuer (which the
 * services fetch the keys of over HTTP, as they would a production provider's). Each
 * shopper comes from an address of its own ({@code X-Forwarded-For}, loopback being the
 * trusted balancer), as shoppers behind a real load balancer do.
 */
final class Shoppers {

	/**
	 * Storms buy as shoppers of a pool this big, in turn: tokens are signed once each.
	 */
	static final int POOL = 2_000;

	private static final ConcurrentMap<String, String> tokens = new ConcurrentHashMap<>();

	private static final AtomicLong next = new AtomicLong();

	private Shoppers() {
	}

	/** The next shopper of the storm pool. */
	static String nextOfPool() {
		return "storm-" + (next.getAndIncrement() % POOL);
	}

	static String token(String shopper) {
		return tokens.computeIfAbsent(shopper, (name) -> SharedServers.issuer().shopperToken(name));
	}

	static String adminToken() {
		return tokens.computeIfAbsent("\0admin", (name) -> SharedServers.issuer().adminToken());
	}

	/** A shopper's own address, the same every time. */
	static String address(String shopper) {
		int hash = shopper.hashCode();
		return "10." + ((hash >>> 16) & 0xff) + "." + ((hash >>> 8) & 0xff) + "." + (hash & 0xff);
	}

	static HttpRequest.Builder as(String shopper, HttpRequest.Builder request) {
		return request.header("Authorization", "Bearer " + token(shopper)).header("X-Forwarded-For", address(shopper));
	}

	static HttpRequest.Builder asAdmin(HttpRequest.Builder request) {
		return request.header("Authorization", "Bearer " + adminToken());
	}

}
