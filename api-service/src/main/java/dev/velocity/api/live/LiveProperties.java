package dev.velocity.api.live;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Live stock over STOMP.
 *
 * @param announceInterval how often an instance tells the others which sales changed
 * @param broadcastInterval how often a changed sale's snapshot goes to subscribers, at
 * most
 * @param allowedOrigins origins allowed to open {@code /ws}
 */
@Validated
@ConfigurationProperties("velocity.live")
public record LiveProperties(@NotNull Duration announceInterval, @NotNull Duration broadcastInterval,
		@NotNull List<String> allowedOrigins) {

}
