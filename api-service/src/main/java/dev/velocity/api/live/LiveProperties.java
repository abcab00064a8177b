package dev.velocity.api.live;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Live stock over STOMP.
 *
 * @param announceInterval how often an instance tells the others which sales changed
 * @param broadcastInterval how often a changed sale's snapshot goes to subscribers, at
 * most
 * @param allowedOrigins origins (patterns) allowed to open {@code /ws} besides the page's
 * own; empty for the page's own only
 * @param maxSubscriptionsPerConnection subscriptions one connection may hold at once
 * @param connectTimeout how long a socket may stay open before it sends STOMP CONNECT
 * @param heartbeat the STOMP heart-beat both ways: the server sends one this often and
 * drops a client it has not heard from for longer
 * @param maxFrameSize the largest frame a client may send
 * @param knownSalesRefresh how often, at most, an instance reads the sales' index to
 * learn whether a sale someone subscribed to exists (stock is read only for sales known
 * to exist); positive, since no wait at all would read it on every broadcast
 * @param maxWaitingSubscriptions subscriptions to sales not known yet that wait for that
 * read; beyond them, a subscriber gets its first snapshot at the sale's next change
 */
@Validated
@ConfigurationProperties("velocity.live")
public record LiveProperties(@NotNull Duration announceInterval, @NotNull Duration broadcastInterval,
		@NotNull List<String> allowedOrigins, @Min(1) int maxSubscriptionsPerConnection,
		@NotNull Duration connectTimeout, @NotNull Duration heartbeat, @NotNull DataSize maxFrameSize,
		@NotNull @DurationMin(millis = 1) Duration knownSalesRefresh, @Min(0) int maxWaitingSubscriptions) {

}
