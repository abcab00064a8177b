package dev.velocity.worker.order.sqs;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The orders queue the worker drains. Region and credentials come from the SDK's default
 * chains.
 *
 * @param endpoint endpoint override (ElasticMQ locally); {@code null} for AWS
 * @param ordersQueue the orders queue's name
 * @param deadLetterQueue the DLQ's name (for its depth gauge)
 * @param pollers concurrent long-polls; each handles up to ten messages at a time
 * @param waitTime long-poll wait (at most 20 s)
 * @param maxReceiveCount the queue's redrive {@code maxReceiveCount}, to count what
 * reaches the DLQ
 * @param apiCallTimeout bound on one SQS call other than the long poll
 */
@Validated
@ConfigurationProperties("velocity.worker.queue")
public record QueueProperties(URI endpoint, @NotBlank String ordersQueue, @NotBlank String deadLetterQueue,
		@Min(1) @Max(64) int pollers, @NotNull Duration waitTime, @Min(1) int maxReceiveCount,
		@NotNull Duration apiCallTimeout) {

}
