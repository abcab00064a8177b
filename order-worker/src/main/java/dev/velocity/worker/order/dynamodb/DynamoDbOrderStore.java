package dev.velocity.worker.order.dynamodb;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderItems;
import dev.velocity.worker.order.OrderStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stores a message's orders in two kinds of batch calls: BatchGetItem (100 keys a call,
 * consistent reads) finds the orders already stored, BatchWriteItem (25 items a call)
 * writes the others. Per order that is a small fraction of a call where a conditional
 * PutItem each would be a whole one. Nothing stored is overwritten; only two deliveries
 * of one order handled at the same moment could both write it, and they write the same
 * order under the same key. Items DynamoDB leaves unprocessed (throttling) are tried
 * again with a growing pause; those still left fail the save, and the message comes back.
 *
 * <p>
 * Once the orders are stored, every one of them, found or written, is listed in its
 * sale's pages ({@link OrderTable}): listing them only after they are stored means a
 * listed order is always stored, and listing the found ones too means an order stored by
 * a delivery that failed before its pages were written is listed by the next.
 */
class DynamoDbOrderStore implements OrderStore {

	static final int MAX_GET_KEYS = 100;

	static final int MAX_WRITE_ITEMS = 25;

	private static final int ATTEMPTS = 6;

	private final DynamoDbAsyncClient client;

	private final String table;

	private final JsonMapper jsonMapper;

	DynamoDbOrderStore(DynamoDbAsyncClient client, String table, JsonMapper jsonMapper) {
		this.client = client;
		this.table = table;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public CompletableFuture<List<Saved>> saveAll(List<OrderPlaced> orders, Set<String> unseen) {
		Map<String, OrderPlaced> distinct = new LinkedHashMap<>();
		orders.forEach((order) -> distinct.putIfAbsent(order.orderId(), order));
		List<String> mayBeStored = distinct.keySet().stream().filter((id) -> !unseen.contains(id)).toList();
		return stored(mayBeStored).thenCompose((present) -> {
			List<OrderPlaced> missing = distinct.values()
				.stream()
				.filter((order) -> !present.contains(order.orderId()))
				.toList();
			return write(missing).thenCompose((written) -> list(distinct.values())).thenApply((listed) -> {
				// The first copy of an order in the message is the one written.
				Set<String> created = new HashSet<>();
				missing.forEach((order) -> created.add(order.orderId()));
				return orders.stream()
					.map((order) -> created.remove(order.orderId()) ? Saved.CREATED : Saved.ALREADY_PRESENT)
					.toList();
			});
		});
	}

	/** The ids, among these, of orders already stored. */
	private CompletableFuture<Set<String>> stored(List<String> orderIds) {
		List<CompletableFuture<Set<String>>> chunks = new ArrayList<>();
		for (List<String> chunk : chunks(orderIds, MAX_GET_KEYS)) {
			List<Map<String, AttributeValue>> keys = chunk.stream().map(OrderItems::key).toList();
			chunks.add(get(KeysAndAttributes.builder()
				.keys(keys)
				.projectionExpression(OrderTable.ORDER_ID)
				.consistentRead(true)
				.build(), new HashSet<>(), 1));
		}
		return all(chunks).thenApply((found) -> {
			Set<String> present = new HashSet<>();
			found.forEach(present::addAll);
			return present;
		});
	}

	private CompletableFuture<Set<String>> get(KeysAndAttributes keys, Set<String> found, int attempt) {
		return this.client.batchGetItem((request) -> request.requestItems(Map.of(this.table, keys)))
			.thenCompose((response) -> {
				response.responses()
					.getOrDefault(this.table, List.of())
					.forEach((item) -> found.add(item.get(OrderTable.ORDER_ID).s()));
				KeysAndAttributes left = response.unprocessedKeys().get(this.table);
				if (left == null || left.keys().isEmpty()) {
					return CompletableFuture.completedFuture(found);
				}
				return retry(attempt, left.keys().size(), () -> get(left, found, attempt + 1));
			});
	}

	private CompletableFuture<Void> write(List<OrderPlaced> orders) {
		Instant persistedAt = Instant.now();
		return putAll(orders.stream().map((order) -> OrderItems.item(order, persistedAt)).toList());
	}

	/** Lists the orders in their sales' pages. */
	private CompletableFuture<Void> list(Collection<OrderPlaced> orders) {
		Map<String, List<OrderPlaced>> bySale = new LinkedHashMap<>();
		orders.forEach((order) -> bySale.computeIfAbsent(order.saleId(), (sale) -> new ArrayList<>()).add(order));
		List<Map<String, AttributeValue>> pages = new ArrayList<>();
		bySale.forEach((saleId, saleOrders) -> chunks(saleOrders, OrderTable.MAX_PAGE_ORDERS)
			.forEach((page) -> pages.add(OrderItems.page(saleId, page, this.jsonMapper))));
		return putAll(pages);
	}

	private CompletableFuture<Void> putAll(List<Map<String, AttributeValue>> items) {
		List<CompletableFuture<Void>> chunks = new ArrayList<>();
		for (List<Map<String, AttributeValue>> chunk : chunks(items, MAX_WRITE_ITEMS)) {
			chunks.add(put(chunk.stream()
				.map((item) -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
				.toList(), 1));
		}
		return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new));
	}

	private CompletableFuture<Void> put(List<WriteRequest> requests, int attempt) {
		return this.client.batchWriteItem((request) -> request.requestItems(Map.of(this.table, requests)))
			.thenCompose((response) -> {
				List<WriteRequest> left = response.unprocessedItems().get(this.table);
				if (left == null || left.isEmpty()) {
					return CompletableFuture.<Void>completedFuture(null);
				}
				return retry(attempt, left.size(), () -> put(left, attempt + 1));
			});
	}

	private static <T> CompletableFuture<T> retry(int attempt, int left, Supplier<CompletableFuture<T>> again) {
		if (attempt >= ATTEMPTS) {
			return CompletableFuture
				.failedFuture(new IllegalStateException(left + " items unprocessed after " + attempt + " attempts"));
		}
		long pauseMillis = Duration.ofMillis(25).toMillis() << (attempt - 1);
		Executor later = CompletableFuture.delayedExecutor(pauseMillis, TimeUnit.MILLISECONDS);
		return CompletableFuture.supplyAsync(again, later).thenCompose(Function.identity());
	}

	private static <T> CompletableFuture<List<T>> all(List<CompletableFuture<T>> futures) {
		return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
			.thenApply((ignored) -> futures.stream().map(CompletableFuture::join).toList());
	}

	private static <T> List<List<T>> chunks(List<T> list, int size) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < list.size(); from += size) {
			chunks.add(list.subList(from, Math.min(list.size(), from + size)));
		}
		return chunks;
	}

}
