package dev.velocity.api.waitingroom;

import dev.velocity.api.inventory.SaleArchived;
import dev.velocity.api.inventory.SaleDeleted;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A deleted or archived sale's waiting room goes with it, from Redis and from the durable
 * record.
 */
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
		remove(deleted.saleId());
	}

	@EventListener
	void saleArchived(SaleArchived archived) {
		remove(archived.saleId());
	}

	private void remove(String saleId) {
		if (this.archive.find(saleId).isPresent()) {
			this.archive.remove(saleId);
		}
		this.rooms.remove(saleId);
	}

}
