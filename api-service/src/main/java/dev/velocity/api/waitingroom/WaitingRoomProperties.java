package dev.velocity.api.waitingroom;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The waiting rooms (each sale's own settings are set by its admin, see
 * {@link RoomSettings}).
 *
 * @param tokenSecret the key admission tokens are signed with (HMAC-SHA256, at least 32
 * bytes), the same on every API instance; blank for a key of this instance's own, which
 * does for one instance only
 * @param grace how long a waiting shopper who stops asking keeps the place
 * @param tickInterval how often each instance runs the inlet of every waiting room (the
 * rate is shared: more instances tick more often, not admit more)
 * @param mostPerTick shoppers admitted, expired or dropped by one tick, at most
 * @param pollAfter how long a waiting shopper is told to wait before asking again
 * @param liveInterval how often, at most, a room's counts go to
 * {@code /topic/queue/{saleId}} (a change of state, such as a sell-out, goes at the next
 * tick)
 */
@Validated
@ConfigurationProperties("velocity.waiting-room")
public record WaitingRoomProperties(@Nullable String tokenSecret, @NotNull Duration grace,
		@NotNull Duration tickInterval, @Min(1) @Max(100_000) int mostPerTick, @NotNull Duration pollAfter,
		@NotNull Duration liveInterval, @DecimalMin("0.01") double callsPerSecond, @Min(1) int callBurst,
		@Min(1) long maxLimitedShoppers) {

}
