package dev.velocity.api.live.stomp;

import java.time.Duration;
import java.time.Instant;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * Closes a WebSocket whose client has not sent STOMP CONNECT within the deadline: an open
 * socket that never speaks costs a connection and a session for nothing.
 */
final class ConnectDeadline extends WebSocketHandlerDecorator {

	private final TaskScheduler scheduler;

	private final Duration deadline;

	ConnectDeadline(WebSocketHandler delegate, TaskScheduler scheduler, Duration deadline) {
		super(delegate);
		this.scheduler = scheduler;
		this.deadline = deadline;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		super.afterConnectionEstablished(session);
		this.scheduler.schedule(() -> {
			if (session.isOpen() && !session.getAttributes().containsKey(StompGuard.CONNECTED)) {
				try {
					session.close(CloseStatus.POLICY_VIOLATION.withReason("no STOMP CONNECT in time"));
				}
				catch (java.io.IOException ex) {
					// It is going anyway.
				}
			}
		}, Instant.now().plus(this.deadline));
	}

}
