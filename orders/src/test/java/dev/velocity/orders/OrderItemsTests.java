package dev.velocity.orders;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The items the worker writes read back as the orders they came from. */
class OrderItemsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final OrderPlaced withKey = new OrderPlaced("drop.7d1f6f3c-4f1e-4b7a-9c55-0f1c2b3a4d5e", "drop", "alice", 2,
			Instant.parse("2026-12-02T10:00:00.123Z"), "key-1");

	private final OrderPlaced withoutKey = new OrderPlaced("drop.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "drop", "bob",
			1, Instant.parse("2026-12-02T10:00:00.100Z"), null);

	@Test
	void anOrdersItemHoldsTheOrderAndWhenItWasPersisted() {
		Instant persistedAt = Instant.parse("2026-12-02T10:00:01Z");

		var item = OrderItems.item(this.withKey, persistedAt);

		assertThat(OrderItems.order(item)).isEqualTo(this.withKey);
		assertThat(OrderItems.order(OrderItems.item(this.withoutKey, persistedAt))).isEqualTo(this.withoutKey);
		assertThat(item.get(OrderTable.PERSISTED_AT).s()).isEqualTo("2026-12-02T10:00:01Z");
		assertThat(item).doesNotContainKeys(OrderTable.LISTED_UNDER, OrderTable.LISTED_AS);
	}

	@Test
	void aPageListsItsOrdersUnderItsSaleAndTheSameOrdersMakeTheSameItem() {
		List<OrderPlaced> orders = List.of(this.withKey, this.withoutKey);

		var page = OrderItems.page("drop", orders, json);

		assertThat(OrderItems.pageOrders(page, json)).isEqualTo(orders);
		assertThat(page.get(OrderTable.LISTED_UNDER).s()).isEqualTo("drop");
		// Sorted by its earliest order.
		assertThat(page.get(OrderTable.LISTED_AS).s()).startsWith("2026-12-02T10:00:00.100Z#");
		assertThat(OrderItems.page("drop", orders, json)).isEqualTo(page);
		assertThat(OrderItems.page("drop", List.of(this.withKey), json).get(OrderTable.ORDER_ID))
			.isNotEqualTo(page.get(OrderTable.ORDER_ID));
	}

}
