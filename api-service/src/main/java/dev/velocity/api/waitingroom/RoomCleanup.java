package dev.velocity.api.waitingroom;

import dev.velocity.api.inventory.SaleDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A deleted sale's waiting room goes with it, from Redis and from the durable record. */
@Component
class RoomCleanup {

	private final WaitingRoom rooms;

	private final RoomArchive archive;

	RoomCleanup(WaitingRoom rooms, RoomArchive archive) {
		this.rooms = rooms;
		this.archive = archive;
	}

	@EventListener
	void saleDeleted(SaleDeleted deleted) {
		if (this.archive.find(deleted.saleId()).isPresent()) {
			this.archive.remove(deleted.saleId());
		}
		this.rooms.remove(deleted.saleId());
	}

}
