package dev.velocity.api.waitingroom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every waiting room's inlet from this instance. Each tick admits what the time
 * since the last tick (of any instance) earned, so the rate holds however many instances
 * tick.
 */
@Component
class Inlet {

	private static final Logger log = LoggerFactory.getLogger(Inlet.class);

	private final WaitingRoom rooms;

	Inlet(WaitingRoom rooms) {
		this.rooms = rooms;
	}

	@Scheduled(fixedDelayString = "${velocity.waiting-room.tick-interval}")
	void tick() {
		try {
			for (String saleId : this.rooms.rooms()) {
				this.rooms.admit(saleId);
			}
		}
		catch (RuntimeException ex) {
			// Redis away: the next tick admits what this one would have.
			log.debug("Waiting rooms not ticked: {}", ex.toString());
		}
	}

}
