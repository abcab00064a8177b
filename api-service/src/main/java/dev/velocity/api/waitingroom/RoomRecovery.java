package dev.velocity.api.waitingroom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Puts a waiting room back in front of a sale Redis lost, before the rebuild reopens the
 * sale. The queue itself is not kept: shoppers join again, which puts them in a fresh
 * draw before the start and in arrival order after it (the page joins again when told it
 * has no place).
 */
@Service
public class RoomRecovery {

	private static final Logger log = LoggerFactory.getLogger(RoomRecovery.class);

	private final RoomArchive archive;

	private final WaitingRoom rooms;

	RoomRecovery(RoomArchive archive, WaitingRoom rooms) {
		this.archive = archive;
		this.rooms = rooms;
	}

	/**
	 * Restores a sale's waiting room from its durable record, if it had one.
	 * @param saleId the sale, held closed
	 */
	public void restore(String saleId) {
		this.archive.find(saleId).ifPresent((settings) -> {
			this.rooms.configure(saleId, settings);
			log.warn("Waiting room of sale {} restored; its queue starts again empty", saleId);
		});
	}

}
