package dev.velocity.api.waitingroom;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs every waiting room's inlet from this instance. Each tick admits what the time
 * since the last tick (of any instance) earned, so the rate holds however many instances
 * tick. Each tick is published ({@link RoomsTicked}) for the live channel.
 */
@Component
class Inlet {

	private static final Logger log = LoggerFactory.getLogger(Inlet.class);

	private final WaitingRoom rooms;

	private final ApplicationEventPublisher events;

	Inlet(WaitingRoom rooms, ApplicationEventPublisher events) {
		this.rooms = rooms;
		this.events = events;
	}

	@Scheduled(fixedDelayString = "${velocity.waiting-room.tick-interval}")
	void tick() {
		List<RoomTick> ticks = new ArrayList<>();
		try {
			for (String saleId : this.rooms.rooms()) {
				this.rooms.admit(saleId).ifPresent(ticks::add);
			}
		}
		catch (RuntimeException ex) {
			// Redis away: the next tick admits what this one would have.
			log.debug("Waiting rooms not ticked: {}", ex.toString());
			return;
		}
		this.events.publishEvent(new RoomsTicked(List.copyOf(ticks)));
	}

}
