package dev.velocity.api.order;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How accepted orders travel from the Redis outbox to the queue.
 *
 * @param grace how long the relay leaves a new order to the purchase's own send before it
 * resends it
 * @param lease how long a relay's claim on an order holds before another relay may resend
 * it
 * @param relayInterval pause between relay passes
 * @param relayBatch most orders one relay pass claims per sale
 * @param ackInterval pause between flushes of acknowledgements to the outbox
 * @param ackWait how long a purchase waits for the queue's acknowledgement before
 * answering (the order is safe in the outbox either way); the waits are ended by a
 * periodic sweep, so one may run up to 50 ms over, more if every scheduler thread is busy
 * (only with virtual threads off: {@code spring.task.scheduling.pool.size})
 * @param unavailableAfterFailures consecutive failed sends (each after the SDK's own
 * retries, whatever the number of orders it carried) after which new purchases get 503
 * (until a send succeeds again)
 */
@Validated
@ConfigurationProperties("velocity.hand-off")
public record HandOffProperties(@NotNull Duration grace, @NotNull Duration lease, @NotNull Duration relayInterval,
		@Min(1) int relayBatch, @NotNull Duration ackInterval, @NotNull Duration ackWait,
		@Min(1) int unavailableAfterFailures) {

}
