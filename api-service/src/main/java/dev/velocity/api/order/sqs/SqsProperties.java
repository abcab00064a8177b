package dev.velocity.api.order.sqs;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The orders queue. Region and credentials come from the SDK's default provider chains.
 *
 * @param endpoint endpoint override (ElasticMQ locally); {@code null} for AWS
 * @param ordersQueue the queue's name, resolved to its URL once
 * @param deadLetterQueue the orders queue's DLQ (for its depth and the redrive)
 * @param apiCallTimeout bound on one SQS call, retries included
 * @param maxOrdersPerMessage most orders one message carries (see
 * {@link SqsOrderPublisher})
 * @param maxSendsInFlight most sends awaiting the queue's acknowledgement; while all are,
 * new orders gather into the next message
 * @param maxConcurrency most concurrent HTTP connections to SQS
 * @param maxWaitingOrders most orders waiting for a send; past that new orders are left
 * to the outbox relay and count as failed sends
 */
@Validated
@ConfigurationProperties("velocity.sqs")
public record SqsProperties(URI endpoint, @NotBlank String ordersQueue, @NotBlank String deadLetterQueue,
		@NotNull Duration apiCallTimeout, @Min(1) @Max(500) int maxOrdersPerMessage, @Min(1) int maxSendsInFlight,
		int maxConcurrency, @Min(1) int maxWaitingOrders) {

}
