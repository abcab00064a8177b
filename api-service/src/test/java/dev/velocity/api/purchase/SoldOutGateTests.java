package dev.velocity.api.purchase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import dev.velocity.api.inventory.SaleDefined;
import dev.velocity.api.live.StockSignals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the gate answers from memory, and when it forgets. */
class SoldOutGateTests {

	/** Announcements as Redis pub/sub would deliver them: to every listener. */
	private final List<Consumer<String>> listeners = new ArrayList<>();

	private final List<String> announced = new ArrayList<>();

	private SoldOutGate gate;

	@BeforeEach
	void gate() {
		this.gate = new SoldOutGate(new StockSignals() {

			@Override
			public void announce(Collection<String> saleIds) {
				SoldOutGateTests.this.announced.addAll(saleIds);
			}

			@Override
			public void onAnnouncement(Consumer<String> listener) {
				SoldOutGateTests.this.listeners.add(listener);
			}

		});
		this.gate.listen();
	}

	@Test
	void remembersASellOutPerSale() {
		this.gate.soldOut("a");

		assertThat(this.gate.isSoldOut("a")).isTrue();
		assertThat(this.gate.isSoldOut("b")).isFalse();
	}

	@Test
	void forgetsWhenAnyInstanceAnnouncesTheSale() {
		this.gate.soldOut("a");

		this.listeners.forEach((listener) -> listener.accept("a"));

		assertThat(this.gate.isSoldOut("a")).isFalse();
	}

	@Test
	void forgetsARestockHereAndTellsTheOtherInstancesAtOnce() {
		this.gate.soldOut("a");

		this.gate.saleDefined(new SaleDefined("a"));

		assertThat(this.gate.isSoldOut("a")).isFalse();
		assertThat(this.announced).containsExactly("a");
	}

	@Test
	void forgetsARestockEvenWhenTheAnnouncementFails() {
		SoldOutGate gate = new SoldOutGate(new StockSignals() {

			@Override
			public void announce(Collection<String> saleIds) {
				throw new IllegalStateException("Redis away");
			}

			@Override
			public void onAnnouncement(Consumer<String> listener) {
			}

		});
		gate.soldOut("a");

		gate.saleDefined(new SaleDefined("a"));

		assertThat(gate.isSoldOut("a")).isFalse();
	}

}
