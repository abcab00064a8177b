package dev.velocity.api.live.stomp;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client may say on the live channel, frame by frame. */
class StompGuardTests {

	private final StompGuard guard = new StompGuard(3);

	private final Map<String, Object> session = new HashMap<>();

	@BeforeEach
	void connect() {
		this.guard.preSend(frame(StompCommand.CONNECT, null, null), null);
	}

	@Test
	void letsAConnectedClientSubscribeToASalesStockAndItsWaitingRoom() {
		Message<byte[]> stock = frame(StompCommand.SUBSCRIBE, "/topic/stock/drop-1", "s-1");
		Message<byte[]> queue = frame(StompCommand.SUBSCRIBE, "/topic/queue/drop-1", "s-2");

		assertThat(this.guard.preSend(stock, null)).isSameAs(stock);
		assertThat(this.guard.preSend(queue, null)).isSameAs(queue);
	}

	@Test
	void refusesEverySend() {
		assertThatThrownBy(() -> this.guard.preSend(frame(StompCommand.SEND, "/topic/stock/drop-1", null), null))
			.isInstanceOf(MessageDeliveryException.class)
			.hasMessageContaining("read-only");
	}

	@Test
	void refusesTopicsThatAreNotASalesStockOrWaitingRoom() {
		for (String destination : new String[] { "/topic/anything", "/topic/stock/a{b}", "/topic/stock/",
				"/topic/stock/x/y", "/app/x", "/topic/stock/" + "x".repeat(65), "/topic/queue/", "/topic/queue/a/b",
				"/topic/queues/x", "/topic/queue/" + "x".repeat(65) }) {
			assertThatThrownBy(() -> this.guard.preSend(frame(StompCommand.SUBSCRIBE, destination, "s-1"), null))
				.as(destination)
				.isInstanceOf(MessageDeliveryException.class)
				.hasMessageContaining("only /topic/stock/{saleId}");
		}
	}

	@Test
	void boundsTheSubscriptionsOfAConnectionAndFreesOnUnsubscribe() {
		for (int i = 1; i <= 3; i++) {
			this.guard.preSend(frame(StompCommand.SUBSCRIBE, "/topic/stock/s" + i, "s-" + i), null);
		}
		assertThatThrownBy(() -> this.guard.preSend(frame(StompCommand.SUBSCRIBE, "/topic/stock/s4", "s-4"), null))
			.hasMessageContaining("at most 3 subscriptions");

		this.guard.preSend(frame(StompCommand.UNSUBSCRIBE, null, "s-2"), null);

		assertThat(this.guard.preSend(frame(StompCommand.SUBSCRIBE, "/topic/stock/s4", "s-4"), null)).isNotNull();
	}

	@Test
	void refusesSubscriptionsBeforeConnect() {
		StompGuard fresh = new StompGuard(3);
		Map<String, Object> otherSession = new HashMap<>();
		StompHeaderAccessor accessor = StompHeaderAccessor.create(StompCommand.SUBSCRIBE);
		accessor.setDestination("/topic/stock/drop-1");
		accessor.setSubscriptionId("s-1");
		accessor.setSessionAttributes(otherSession);

		assertThatThrownBy(
				() -> fresh.preSend(MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders()), null))
			.hasMessageContaining("CONNECT first");
	}

	private Message<byte[]> frame(StompCommand command, String destination, String subscriptionId) {
		StompHeaderAccessor accessor = StompHeaderAccessor.create(command);
		if (destination != null) {
			accessor.setDestination(destination);
		}
		if (subscriptionId != null) {
			accessor.setSubscriptionId(subscriptionId);
		}
		accessor.setSessionAttributes(this.session);
		accessor.setLeaveMutable(true);
		return MessageBuilder.createMessage(new byte[0], accessor.getMessageHeaders());
	}

}
