package dev.velocity.api.waitingroom.stomp;

import java.time.Instant;

import dev.velocity.api.waitingroom.RoomTick;

/**
 * What every shopper of a sale's waiting room hears on {@code /topic/queue/{saleId}}: the
 * same for all, so one message serves the whole queue; a shopper's own place comes from
 * the poll, and {@code served} counts it down in between.
 *
 * @param saleId the sale
 * @param state whether the inlet admits ({@code SOLD_OUT}: stop waiting)
 * @param waiting shoppers waiting
 * @param served shoppers admitted since the room opened
 * @param admissionsPerSecond the room's rate
 * @param remaining the sale's units left
 * @param at when this was true
 */
record QueueSnapshot(String saleId, RoomTick.State state, long waiting, long served, double admissionsPerSecond,
		long remaining, Instant at) {

	static QueueSnapshot of(RoomTick tick, Instant at) {
		return new QueueSnapshot(tick.saleId(), tick.state(), tick.waiting(), tick.served(), tick.admissionsPerSecond(),
				tick.remaining(), at);
	}

	/**
	 * Whether shoppers would see anything new in this one, after {@code last}: all but
	 * the time.
	 */
	boolean tellsMoreThan(QueueSnapshot last) {
		return !new QueueSnapshot(this.saleId, this.state, this.waiting, this.served, this.admissionsPerSecond,
				this.remaining, last.at())
			.equals(last);
	}

}
