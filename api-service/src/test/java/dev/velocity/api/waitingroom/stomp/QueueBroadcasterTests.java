package dev.velocity.api.waitingroom.stomp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import dev.velocity.api.live.TopicSubscribed;
import dev.velocity.api.waitingroom.RoomTick.State;
import dev.velocity.api.waitingroom.RoomTick;
import dev.velocity.api.waitingroom.RoomsTicked;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** When a waiting room's state goes on the wire, and when it waits. */
class QueueBroadcasterTests {

	private final List<Message<?>> wire = new ArrayList<>();

	private Instant now = Instant.parse("2026-12-02T20:00:00Z");

	/** Runs as a message goes on the wire, as a subscription served meanwhile would. */
	private Runnable meanwhile = () -> {
	};

	private final QueueBroadcaster broadcaster = new QueueBroadcaster(new SimpMessagingTemplate((message, timeout) -> {
		this.wire.add(message);
		this.meanwhile.run();
		return true;
	}), Duration.ofSeconds(1), new Clock() {

		@Override
		public Instant instant() {
			return QueueBroadcasterTests.this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	});

	@Test
	void sendsARoomAtOnceThenItsCountsAtMostOncePerInterval() {
		tick(room("drop", State.ADMITTING, 100, 0));
		tick(room("drop", State.ADMITTING, 95, 5));
		later(999);
		tick(room("drop", State.ADMITTING, 90, 10));
		assertThat(sent()).containsExactly("drop ADMITTING waiting 100 served 0");

		later(1);
		tick(room("drop", State.ADMITTING, 85, 15));
		later(2_000);
		tick(room("drop", State.ADMITTING, 85, 15));

		assertThat(sent()).containsExactly("drop ADMITTING waiting 100 served 0",
				"drop ADMITTING waiting 85 served 15");
		assertThat(this.wire.get(1).getHeaders().get(SimpMessageHeaderAccessor.DESTINATION_HEADER))
			.isEqualTo("/topic/queue/drop");
	}

	@Test
	void sendsAChangeOfStateAtTheTickThatSawIt() {
		tick(room("drop", State.ADMITTING, 100, 0));
		later(10);
		tick(room("drop", State.SOLD_OUT, 100, 3));

		assertThat(sent()).containsExactly("drop ADMITTING waiting 100 served 0", "drop SOLD_OUT waiting 100 served 3");
	}

	@Test
	void sendsARoomToANewSubscriberAtTheNextTickAndKeepsNoMadeUpIds() {
		tick(room("drop", State.ADMITTING, 100, 0));
		subscribe("/topic/queue/drop");
		subscribe("/topic/queue/made-up");
		later(10);
		tick(room("drop", State.ADMITTING, 100, 0), room("other", State.PAUSED, 1, 0));
		later(10);
		tick(room("drop", State.ADMITTING, 100, 0));

		assertThat(sent()).containsExactly("drop ADMITTING waiting 100 served 0", "drop ADMITTING waiting 100 served 0",
				"other PAUSED waiting 1 served 0");
	}

	@Test
	void sendsTheRoomAgainToASubscriberServedWhileItsFirstMessageWasOnTheWay() {
		this.meanwhile = () -> {
			this.meanwhile = () -> {
			};
			subscribe("/topic/queue/drop");
		};
		tick(room("drop", State.PAUSED, 3, 0));
		later(10);
		tick(room("drop", State.PAUSED, 3, 0));

		assertThat(sent()).containsExactly("drop PAUSED waiting 3 served 0", "drop PAUSED waiting 3 served 0");
	}

	@Test
	void forgetsARoomThatIsGoneAndSendsItAfreshIfItComesBack() {
		tick(room("drop", State.ADMITTING, 100, 0));
		tick();
		tick(room("drop", State.ADMITTING, 100, 0));

		assertThat(sent()).hasSize(2);
	}

	private void later(long millis) {
		this.now = this.now.plusMillis(millis);
	}

	private void subscribe(String destination) {
		this.broadcaster.subscribed(new TopicSubscribed(destination));
	}

	private void tick(RoomTick... rooms) {
		this.broadcaster.ticked(new RoomsTicked(List.of(rooms)));
	}

	private static RoomTick room(String saleId, State state, long waiting, long served) {
		return new RoomTick(saleId, state, 0, waiting, 0, served, 5.0, 10);
	}

	private List<String> sent() {
		return this.wire.stream().map((message) -> {
			QueueSnapshot snapshot = (QueueSnapshot) message.getPayload();
			return snapshot.saleId() + " " + snapshot.state() + " waiting " + snapshot.waiting() + " served "
					+ snapshot.served();
		}).toList();
	}

}
