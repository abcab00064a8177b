package dev.velocity.api.waitingroom;

import java.util.Optional;

/**
 * The durable record of each sale's waiting room (beside the sale's own, not in Redis),
 * so that a sale Redis lost reopens behind its waiting room, never without it.
 */
public interface RoomArchive {

	/**
	 * Records a sale's waiting room.
	 * @param saleId the sale
	 * @param settings its settings
	 */
	void save(String saleId, RoomSettings settings);

	/**
	 * Records that the sale has no waiting room.
	 * @param saleId the sale
	 */
	void remove(String saleId);

	/** The sale's waiting room, if it has one. */
	Optional<RoomSettings> find(String saleId);

}
