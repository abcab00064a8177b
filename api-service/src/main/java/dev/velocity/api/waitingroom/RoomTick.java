package dev.velocity.api.waitingroom;

/**
 * A waiting room as one tick of its inlet left it: published by every instance on every
 * tick, so what the live channel tells shoppers is never older than a tick.
 *
 * @param saleId the sale
 * @param state whether the inlet admits, and if not why
 * @param admittedNow shoppers this tick admitted
 * @param waiting shoppers waiting
 * @param active admitted shoppers who have not bought yet
 * @param served shoppers admitted since the room opened
 * @param admissionsPerSecond the room's rate
 * @param remaining the sale's units left
 */
public record RoomTick(String saleId, State state, long admittedNow, long waiting, long active, long served,
		double admissionsPerSecond, long remaining) {

	/** Whether the inlet admits. */
	public enum State {

		/** It admits at the rate. */
		ADMITTING,
		/** An admin paused it; the queue keeps its order. */
		PAUSED,
		/** The sale has not started: the pre-queue waits for its draw. */
		NOT_STARTED,
		/**
		 * Nothing left: no one is admitted or joins; a restock resumes the queue in
		 * order.
		 */
		SOLD_OUT

	}

}
