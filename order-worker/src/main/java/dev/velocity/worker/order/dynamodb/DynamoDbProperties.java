package dev.velocity.worker.order.dynamodb;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The orders table. Region and credentials come from the SDK's default chains.
 *
 * @param endpoint endpoint override (dynalite locally); {@code null} for AWS
 * @param ordersTable the table's name
 * @param apiCallTimeout bound on one write, retries included; keep it well under the
 * queue's visibility timeout so a message is never redelivered while its write may still
 * land
 */
@Validated
@ConfigurationProperties("velocity.worker.dynamodb")
public record DynamoDbProperties(URI endpoint, @NotBlank String ordersTable, @NotNull Duration apiCallTimeout) {

}
