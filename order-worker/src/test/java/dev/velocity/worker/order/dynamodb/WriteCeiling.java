package dev.velocity.worker.order.dynamodb;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.velocity.aws.AwsClients;
import dev.velocity.localservers.LocalAws;
import dev.velocity.orders.OrderPlaced;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The order store's own write ceiling, for {@code loadtest/bench.sh}: the worker's
 * {@link DynamoDbOrderStore}, on the worker's client, saving first deliveries of
 * generated orders (the items and pages the worker writes) as fast as its pollers could
 * hand them over, with no queue in front. Prints
 * {@code RESULT orders=.. seconds=.. rate=..}.
 *
 * <p>
 * {@code WriteCeiling <dynamodb endpoint> <orders> <orders per batch> <pollers> [table]}:
 * a batch is what one poller saves at once (a receive of up to 10 messages, each a group
 * commit of orders). The orders go into {@code table}, the worker's own table for the
 * same cost per item (in dynalite, an item costs more in a table that holds many:
 * {@code loadtest/store-ceiling.sh}), or else into a new table with the stack's indexes.
 */
public final class WriteCeiling {

	private WriteCeiling() {
	}

	public static void main(String[] args) throws Exception {
		URI endpoint = URI.create(args[0]);
		int orders = Integer.parseInt(args[1]);
		int batch = Integer.parseInt(args[2]);
		int pollers = Integer.parseInt(args[3]);
		LocalAws.useLocalCredentials();
		String table = (args.length > 4) ? args[4] : null;
		if (table == null) {
			LocalAws.Names names = LocalAws.Names
				.named("write-ceiling-" + UUID.randomUUID().toString().substring(0, 8));
			try (DynamoDbClient admin = LocalAws.dynamoDb(endpoint)) {
				LocalAws.createOrdersTable(admin, names);
			}
			table = names.ordersTable();
		}
		try (DynamoDbAsyncClient client = AwsClients.dynamoDbAsync(endpoint, 256, Duration.ofSeconds(30))) {
			DynamoDbOrderStore store = new DynamoDbOrderStore(client, table, JsonMapper.builder().build());
			// A fifth as many first, untimed: the worker it stands for is warm.
			save(store, batches(Math.max(2_000, orders / 5), batch), pollers);
			double seconds = save(store, batches(orders, batch), pollers);
			System.out.printf("RESULT orders=%d seconds=%.2f rate=%.0f%n", orders, seconds, orders / seconds);
		}
	}

	private static List<List<OrderPlaced>> batches(int orders, int batch) {
		String saleId = "ceiling-" + UUID.randomUUID().toString().substring(0, 8);
		Instant placedAt = Instant.now();
		List<List<OrderPlaced>> batches = new ArrayList<>();
		for (int from = 0; from < orders; from += batch) {
			List<OrderPlaced> chunk = new ArrayList<>();
			for (int i = from; i < Math.min(orders, from + batch); i++) {
				chunk.add(new OrderPlaced(saleId + "." + UUID.randomUUID(), saleId, "shopper-" + i, 1, placedAt, null));
			}
			batches.add(chunk);
		}
		return batches;
	}

	/** Saves the batches from {@code pollers} threads; the seconds it took. */
	private static double save(DynamoDbOrderStore store, List<List<OrderPlaced>> batches, int pollers)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		List<Thread> threads = new ArrayList<>();
		for (int p = 0; p < pollers; p++) {
			Thread thread = new Thread(() -> {
				for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
					List<OrderPlaced> chunk = batches.get(b);
					Set<String> unseen = new HashSet<>();
					chunk.forEach((order) -> unseen.add(order.orderId()));
					store.saveAll(chunk, unseen).join();
				}
			}, "poller-" + p);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return (System.nanoTime() - start) / 1e9;
	}

}
