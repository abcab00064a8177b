package dev.velocity.api.live.stomp;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.velocity.api.web.Ids;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * What a client may say on {@code /ws}: CONNECT first, then SUBSCRIBE to
 * {@code /topic/stock/{saleId}} or {@code /topic/queue/{saleId}} (a waiting room's) of a
 * well-formed sale id, at most so many at once, and UNSUBSCRIBE and DISCONNECT. Nothing
 * else, above all no SEND: the live channel is the server's alone. A refused frame is
 * answered with a STOMP ERROR and never reaches the broker, so it changes nothing another
 * subscriber sees.
 */
final class StompGuard implements ChannelInterceptor {

	/** Session attribute set once the client has sent CONNECT. */
	static final String CONNECTED = StompGuard.class.getName() + ".connected";

	private static final String SUBSCRIPTIONS = StompGuard.class.getName() + ".subscriptions";

	private static final Pattern TOPICS = Pattern.compile("/topic/(stock|queue)/" + Ids.SALE_ID_PATTERN);

	private static final int MAX_SUBSCRIPTION_ID_LENGTH = 64;

	private final int maxSubscriptions;

	StompGuard(int maxSubscriptions) {
		this.maxSubscriptions = maxSubscriptions;
	}

	@Override
	public Message<?> preSend(Message<?> message, MessageChannel channel) {
		StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
		StompCommand command = (stomp != null) ? stomp.getCommand() : null;
		if (command == null) {
			return message;
		}
		Map<String, Object> session = stomp.getSessionAttributes();
		if (session == null) {
			throw refused("no session");
		}
		switch (command) {
			case CONNECT, STOMP -> session.put(CONNECTED, Boolean.TRUE);
			case SUBSCRIBE -> subscribe(session, stomp);
			case UNSUBSCRIBE -> subscriptions(session).remove(stomp.getSubscriptionId());
			case DISCONNECT -> {
			}
			default -> throw refused(command + " is not accepted: the live channel is read-only");
		}
		if (command != StompCommand.CONNECT && command != StompCommand.STOMP && command != StompCommand.DISCONNECT
				&& !session.containsKey(CONNECTED)) {
			throw refused("CONNECT first");
		}
		return message;
	}

	private void subscribe(Map<String, Object> session, StompHeaderAccessor stomp) {
		if (!session.containsKey(CONNECTED)) {
			throw refused("CONNECT first");
		}
		String destination = stomp.getDestination();
		if (destination == null || !TOPICS.matcher(destination).matches()) {
			throw refused("only /topic/stock/{saleId} and /topic/queue/{saleId} may be subscribed to");
		}
		String id = stomp.getSubscriptionId();
		if (id == null || id.isEmpty() || id.length() > MAX_SUBSCRIPTION_ID_LENGTH) {
			throw refused("a subscription id of 1 to " + MAX_SUBSCRIPTION_ID_LENGTH + " characters is required");
		}
		Set<String> subscriptions = subscriptions(session);
		synchronized (subscriptions) {
			if (!subscriptions.contains(id) && subscriptions.size() >= this.maxSubscriptions) {
				throw refused("at most " + this.maxSubscriptions + " subscriptions per connection");
			}
			subscriptions.add(id);
		}
	}

	@SuppressWarnings("unchecked")
	private static Set<String> subscriptions(Map<String, Object> session) {
		return (Set<String>) session.computeIfAbsent(SUBSCRIPTIONS,
				(key) -> java.util.Collections.synchronizedSet(new HashSet<>()));
	}

	private static MessageDeliveryException refused(String why) {
		return new MessageDeliveryException("Refused: " + why);
	}

}
