package dev.velocity.api.live.stomp;

import dev.velocity.api.live.LiveProperties;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

/**
 * STOMP over a plain WebSocket at {@code /ws}; the simple broker serves {@code /topic}.
 * Instances share changes through {@link dev.velocity.api.live.StockSignals}, not through
 * the broker. Clients only listen ({@link StompGuard}), must CONNECT within seconds
 * ({@link ConnectDeadline}) and keep heart-beating; origins other than the page's own are
 * refused unless configured. A subscription is announced
 * ({@link dev.velocity.api.live.TopicSubscribed}) once the broker serves it.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer, DisposableBean {

	private final LiveProperties properties;

	private final ApplicationEventPublisher events;

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	StompConfiguration(LiveProperties properties, ApplicationEventPublisher events) {
		this.properties = properties;
		this.events = events;
		this.scheduler.setPoolSize(1);
		this.scheduler.setThreadNamePrefix("stomp-");
		this.scheduler.setDaemon(true);
		this.scheduler.initialize();
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws").setAllowedOriginPatterns(this.properties.allowedOrigins().toArray(String[]::new));
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		long heartbeat = this.properties.heartbeat().toMillis();
		registry.enableSimpleBroker("/topic")
			.setHeartbeatValue(new long[] { heartbeat, heartbeat })
			.setTaskScheduler(this.scheduler);
		registry.setApplicationDestinationPrefixes("/app");
		// Each session gets its snapshots in the order they were published: the outbound
		// channel's pool would otherwise let an older stock overtake a newer one.
		registry.setPreservePublishOrder(true);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(new StompGuard(this.properties.maxSubscriptionsPerConnection()),
				new SubscriptionsServed(this.events));
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
		registration.setMessageSizeLimit((int) this.properties.maxFrameSize().toBytes())
			.addDecoratorFactory(
					(handler) -> new ConnectDeadline(handler, this.scheduler, this.properties.connectTimeout()));
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
