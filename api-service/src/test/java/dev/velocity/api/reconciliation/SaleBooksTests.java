package dev.velocity.api.reconciliation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a sale's figures say, worst first. */
class SaleBooksTests {

	@Test
	void balancesWhenEverySoldUnitIsPersisted() {
		assertThat(SaleBooks.Status.of(100, 40, 40, 0, false, false)).isEqualTo(SaleBooks.Status.BALANCED);
	}

	@Test
	void isInTransitWhileSoldUnitsAreOnTheirWay() {
		assertThat(SaleBooks.Status.of(100, 40, 30, 10, false, false)).isEqualTo(SaleBooks.Status.IN_TRANSIT);
	}

	@Test
	void isBehindWhenTheStoreHasMoreThanRedisSold() {
		// A failover that lost the last writes: Redis forgot units the store has.
		assertThat(SaleBooks.Status.of(100, 30, 40, -10, false, false)).isEqualTo(SaleBooks.Status.BEHIND);
	}

	@Test
	void isLostWhenRedisHasOnlyAStandInEvenIfTheFiguresWouldAddUp() {
		assertThat(SaleBooks.Status.of(100, 0, 0, 0, true, false)).isEqualTo(SaleBooks.Status.LOST_IN_REDIS);
		assertThat(SaleBooks.Status.of(100, 0, 40, 60, true, false)).isEqualTo(SaleBooks.Status.LOST_IN_REDIS);
	}

	@Test
	void isHeldWhenRedisHoldsItClosedUnlessItsFiguresSayWorse() {
		assertThat(SaleBooks.Status.of(100, 40, 40, 0, false, true)).isEqualTo(SaleBooks.Status.HELD);
		assertThat(SaleBooks.Status.of(100, 30, 40, -10, false, true)).isEqualTo(SaleBooks.Status.BEHIND);
		assertThat(SaleBooks.Status.of(100, 0, 0, 0, true, true)).isEqualTo(SaleBooks.Status.LOST_IN_REDIS);
	}

	@Test
	void callsAnOversellBeforeAnythingElse() {
		assertThat(SaleBooks.Status.of(100, 120, 101, -1, false, false)).isEqualTo(SaleBooks.Status.OVERSOLD);
		assertThat(SaleBooks.Status.of(100, 0, 101, -1, true, false)).isEqualTo(SaleBooks.Status.OVERSOLD);
	}

}
