package dev.velocity.system;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.velocity.testsupport.ApiClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Velocity's two promises, checked once the pipeline has drained: never oversold (units
 * accepted and persisted stay within the stock), never lost (every order that got a 200
 * is one item in the store, and {@code initialStock == remaining + persisted units}).
 */
final class Invariants {

	private Invariants() {
	}

	/**
	 * A scenario's figures, as the README's table shows them.
	 */
	record Figures(String scenario, long requests, long accepted, long persisted, long oversold, long lost,
			long duplicates) {

		String row() {
			return "| " + this.scenario + " | " + this.requests + " | " + this.accepted + " | " + this.persisted + " | "
					+ this.oversold + " | " + this.lost + " | " + this.duplicates + " |";
		}

	}

	static Figures check(String scenario, VelocitySystem velocity, String saleId, Storm.Result storm) {
		// Drained: nothing in the outbox, nothing on the queue, and the store has what
		// Redis sold.
		await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			ApiClient.Answer sale = velocity.getSale(saleId);
			assertThat(sale.status()).isEqualTo(200);
			assertThat(sale.number("pendingHandOff")).isZero();
			assertThat(velocity.queueDepth()).isZero();
			long persistedUnits = units(velocity.storedOrders(saleId));
			assertThat(persistedUnits).isEqualTo(sale.number("sold"));
		});
		List<Map<String, AttributeValue>> items = velocity.storedOrders(saleId);
		Set<String> persistedIds = new HashSet<>();
		items.forEach((item) -> persistedIds.add(item.get("orderId").s()));
		long persistedUnits = units(items);
		ApiClient.Answer sale = velocity.getSale(saleId);
		long initialStock = sale.number("initialStock");

		Set<String> lost = new HashSet<>(storm.accepted());
		lost.removeAll(persistedIds);
		long oversold = Math.max(0, persistedUnits - initialStock)
				+ Math.max(0, storm.accepted().size() - initialStock);
		Figures figures = new Figures(scenario, storm.requests(), storm.accepted().size(), persistedIds.size(),
				oversold, lost.size(), items.size() - persistedIds.size());
		System.out.println("FAULT-FIGURES " + figures.row());

		assertThat(lost).as("orders that got a 200 but are not in the store").isEmpty();
		assertThat(oversold).as("units sold beyond the stock").isZero();
		assertThat(figures.duplicates()).as("orders stored twice").isZero();
		assertThat(sale.number("initialStock")).as("initial == remaining + persisted")
			.isEqualTo(sale.number("remaining") + persistedUnits);
		return figures;
	}

	static long units(List<Map<String, AttributeValue>> items) {
		return items.stream().mapToLong((item) -> Long.parseLong(item.get("quantity").n())).sum();
	}

}
