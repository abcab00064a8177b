package dev.velocity.api.order.dynamodb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.order.PersistedOrders;
import dev.velocity.orders.OrderPlaced;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderItems;
import dev.velocity.orders.OrderTableReads;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the worker's items: an order by its id (GetItem), a sale's orders from its pages
 * (their keys from the listing index, then BatchGetItem; {@link OrderTable}), and a
 * sale's count from the pages it has not counted yet.
 */
class DynamoDbConfirmedOrders implements ConfirmedOrders {

	private static final int UUID_LENGTH = 36;

	private final DynamoDbClient client;

	private final String table;

	private final JsonMapper jsonMapper;

	private final Cache<String, SaleTally> tallies;

	DynamoDbConfirmedOrders(DynamoDbClient client, String table, JsonMapper jsonMapper, long maxTalliedOrders) {
		this.client = client;
		this.table = table;
		this.jsonMapper = jsonMapper;
		this.tallies = Caffeine.newBuilder()
			.maximumWeight(maxTalliedOrders)
			.weigher((String saleId, SaleTally tally) -> tally.weight())
			// Evictions at once, on the caller: nothing to hand to another thread.
			.executor(Runnable::run)
			.build();
	}

	@Override
	public Optional<OrderPlaced> find(String orderId) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table).key(OrderItems.key(orderId)).consistentRead(true))
			.item();
		if (item == null || item.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(OrderItems.order(item));
	}

	@Override
	public List<OrderPlaced> findBySale(String saleId) {
		// An order listed in two pages (a redelivery, a resend) is one order.
		Map<String, OrderPlaced> orders = new LinkedHashMap<>();
		OrderTableReads.pages(this.client, this.table, saleId, this.jsonMapper)
			.forEach((page) -> page.forEach((order) -> orders.putIfAbsent(order.orderId(), order)));
		return new ArrayList<>(orders.values());
	}

	/**
	 * Counts a sale's orders from its pages, reading only the pages it has not read
	 * before: a page never changes once written (its key is a digest of its orders), so a
	 * count costs a query of the sale's page keys and the new pages, not the sale's every
	 * order. The tallies kept are bounded by {@code maxTalliedOrders}; a sale whose tally
	 * was dropped is counted from the start again.
	 */
	@Override
	public PersistedOrders tally(String saleId) {
		SaleTally tally = this.tallies.get(saleId, (id) -> new SaleTally());
		tally.lock.lock();
		try {
			List<Map<String, AttributeValue>> keys = OrderTableReads.pageKeys(this.client, this.table, saleId);
			Set<String> listed = new HashSet<>();
			keys.forEach((key) -> listed.add(key.get(OrderTable.ORDER_ID).s()));
			if (!listed.containsAll(tally.pages)) {
				// Pages gone (the table was emptied): start over.
				tally.clear();
			}
			List<Map<String, AttributeValue>> unread = keys.stream()
				.filter((key) -> !tally.pages.contains(key.get(OrderTable.ORDER_ID).s()))
				.toList();
			readPages(unread, tally::add);
			unread.forEach((key) -> tally.pages.add(key.get(OrderTable.ORDER_ID).s()));
			// Put back, so that the cache weighs it as it is now.
			this.tallies.put(saleId, tally);
			return new PersistedOrders(tally.orders.size(), tally.units);
		}
		finally {
			tally.lock.unlock();
		}
	}

	/** Reads these pages and hands over every order they list. */
	private void readPages(List<Map<String, AttributeValue>> pageKeys, Consumer<OrderPlaced> each) {
		OrderTableReads.getAll(this.client, this.table, pageKeys, OrderTable.PAGE_ORDERS,
				(page) -> OrderItems.pageOrders(page, this.jsonMapper).forEach(each));
	}

	/**
	 * One sale's count so far: the pages read and the distinct orders they listed, each
	 * kept as the 128 bits of its id's UUID (a HashSet of UUIDs: 74 bytes an order on the
	 * heap).
	 */
	private static final class SaleTally {

		private final Lock lock = new ReentrantLock();

		private final Set<String> pages = new HashSet<>();

		private final Set<UUID> orders = new HashSet<>();

		private long units;

		void add(OrderPlaced order) {
			if (this.orders.add(key(order.orderId()))) {
				this.units += order.quantity();
			}
		}

		void clear() {
			this.pages.clear();
			this.orders.clear();
			this.units = 0;
		}

		int weight() {
			return this.orders.size() + this.pages.size();
		}

		/**
		 * An order id's UUID (the part after the sale id), or a digest of the id when it
		 * has none.
		 */
		private static UUID key(String orderId) {
			String unique = orderId.substring(orderId.indexOf('.') + 1);
			if (unique.length() == UUID_LENGTH && unique.charAt(8) == '-') {
				try {
					return UUID.fromString(unique);
				}
				catch (IllegalArgumentException ex) {
					// Not a UUID after all: digest it below.
				}
			}
			return UUID.nameUUIDFromBytes(orderId.getBytes(StandardCharsets.UTF_8));
		}

	}

}
