package dev.velocity.api.live.stomp;

import dev.velocity.api.live.TopicSubscribed;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;

/**
 * Publishes {@link TopicSubscribed} once the broker has handled a SUBSCRIBE, so that the
 * first snapshot a broadcaster sends for it reaches the new subscriber.
 */
final class SubscriptionsServed implements ExecutorChannelInterceptor {

	private final ApplicationEventPublisher events;

	SubscriptionsServed(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
			@Nullable Exception ex) {
		if (ex == null && handler instanceof AbstractBrokerMessageHandler
				&& SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.SUBSCRIBE) {
			String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
			if (destination != null) {
				this.events.publishEvent(new TopicSubscribed(destination));
			}
		}
	}

}
