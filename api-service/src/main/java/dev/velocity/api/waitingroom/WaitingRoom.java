package dev.velocity.api.waitingroom;

import java.util.Optional;
import java.util.Set;

/** The waiting rooms' queues, wherever they are kept. */
public interface WaitingRoom {

	/**
	 * Gives a sale a waiting room, or changes its settings (the queue keeps its order).
	 * @param saleId an existing sale
	 * @param settings the settings
	 */
	void configure(String saleId, RoomSettings settings);

	/**
	 * Takes a sale's waiting room away: its queue and admissions are gone, and purchases
	 * need no admission.
	 * @param saleId the sale
	 */
	void remove(String saleId);

	/**
	 * Takes a place, or finds the shopper's place again (joining twice gives one place).
	 * @throws NoWaitingRoom when the sale has none
	 */
	Place join(String saleId, String shopper);

	/**
	 * Tells a shopper where they stand, and that they are still there.
	 * @throws NoWaitingRoom when the sale has none
	 */
	Place look(String saleId, String shopper);

	/** Gives up a place or an admission, which frees it at once. */
	void leave(String saleId, String shopper);

	/**
	 * One tick of a sale's inlet: admits what the time since the last tick earned.
	 * @return the room as the tick left it; empty when the sale has no room (any more)
	 */
	Optional<RoomTick> admit(String saleId);

	/** The sales that have a waiting room. */
	Set<String> rooms();

	/** A sale's waiting room as its admin sees it. */
	Optional<RoomStatus> status(String saleId);

}
