package dev.velocity.api.waitingroom;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where a shopper stands in a sale's waiting room.
 *
 * @param state where
 * @param ahead shoppers ahead ({@code null} before the start, when places are not drawn
 * yet, and when not waiting)
 * @param waiting shoppers waiting in all
 * @param at when the admission ends ({@link State#ADMITTED}) or the pre-queue opens
 * ({@link State#NOT_OPEN}); otherwise {@code null}
 * @param admissionsPerSecond the room's rate, for an estimate of the wait
 * @param remaining the sale's units left
 * @param served shoppers the room had admitted when it answered: with the live channel's
 * count ({@link RoomTick#served()}) a page counts the place down between polls
 */
public record Place(State state, @Nullable Long ahead, long waiting, @Nullable Instant at, double admissionsPerSecond,
		long remaining, long served) {

	/** Where a shopper can stand. */
	public enum State {

		/** In the queue. */
		WAITING,
		/** Let through: may buy until {@code at}. */
		ADMITTED,
		/** Asked without having a place. */
		NOT_IN_QUEUE,
		/** The pre-queue opens at {@code at}. */
		NOT_OPEN,
		/** Nothing left: no one waits for it. */
		SOLD_OUT

	}

}
