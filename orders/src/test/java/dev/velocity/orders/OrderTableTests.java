package dev.velocity.orders;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderTableTests {

	private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

	@Test
	void listsAPageByItsEarliestOrderThenByItsOrdersSoTheSameOrdersAlwaysMakeTheSamePage() {
		OrderPlaced late = new OrderPlaced("s.2", "s", "u2", 1, T0.plusSeconds(1), null);
		OrderPlaced early = new OrderPlaced("s.1", "s", "u1", 1, T0, null);

		String listedAs = OrderTable.pageListedAs(List.of(late, early));

		assertThat(listedAs).startsWith("2026-11-25T10:00:00Z#");
		assertThat(OrderTable.pageListedAs(List.of(late, early))).isEqualTo(listedAs);
		assertThat(OrderTable.pageListedAs(List.of(early))).startsWith("2026-11-25T10:00:00Z#").isNotEqualTo(listedAs);
		assertThat(OrderTable.pageKey("s", listedAs)).isEqualTo("page#s#" + listedAs);
	}

}
