package dev.velocity.api.waitingroom.stomp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.velocity.api.live.TopicSubscribed;
import dev.velocity.api.waitingroom.RoomTick;
import dev.velocity.api.waitingroom.RoomsTicked;
import dev.velocity.api.waitingroom.WaitingRoomProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends each waiting room's state to {@code /topic/queue/{saleId}} from the inlet's own
 * ticks, so it costs Redis nothing more. A change of state (a sell-out, a pause, the
 * start) goes at the tick that saw it; changed counts at most once per live interval,
 * since every message goes to every shopper of the queue. A new subscriber gets the room
 * at the next tick.
 */
@Component
class QueueBroadcaster {

	static final String TOPIC = "/topic/queue/";

	private final SimpMessagingTemplate stomp;

	private final Duration interval;

	private final Clock clock;

	/** The last message per room, for the rooms that exist: bounded by them. */
	private final Map<String, QueueSnapshot> sent = new ConcurrentHashMap<>();

	private final Set<String> subscribedTo = ConcurrentHashMap.newKeySet();

	@Autowired
	QueueBroadcaster(SimpMessagingTemplate stomp, WaitingRoomProperties properties) {
		this(stomp, properties.liveInterval(), Clock.systemUTC());
	}

	QueueBroadcaster(SimpMessagingTemplate stomp, Duration interval, Clock clock) {
		this.stomp = stomp;
		this.interval = interval;
		this.clock = clock;
	}

	@EventListener
	void subscribed(TopicSubscribed event) {
		if (event.destination().startsWith(TOPIC)) {
			String saleId = event.destination().substring(TOPIC.length());
			// Only rooms that exist: a stranger's made-up ids are not kept. A room not
			// sent yet goes to everyone at its first tick, which comes after this
			// subscription is served, since a room is recorded as sent before it is sent.
			if (this.sent.containsKey(saleId)) {
				this.subscribedTo.add(saleId);
			}
		}
	}

	@EventListener
	void ticked(RoomsTicked ticked) {
		Instant now = this.clock.instant();
		Set<String> rooms = ConcurrentHashMap.newKeySet();
		for (RoomTick tick : ticked.rooms()) {
			rooms.add(tick.saleId());
			QueueSnapshot snapshot = QueueSnapshot.of(tick, now);
			QueueSnapshot last = this.sent.get(tick.saleId());
			boolean asked = this.subscribedTo.remove(tick.saleId());
			if (asked || last == null || last.state() != snapshot.state()
					|| (snapshot.tellsMoreThan(last) && !now.isBefore(last.at().plus(this.interval)))) {
				this.sent.put(tick.saleId(), snapshot);
				this.stomp.convertAndSend(TOPIC + tick.saleId(), snapshot);
			}
		}
		this.sent.keySet().retainAll(rooms);
		this.subscribedTo.retainAll(rooms);
	}

}
