package dev.velocity.api.dynamodb;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The orders table, read by the API for order status and counts. Region and credentials
 * come from the SDK's default chains.
 *
 * @param endpoint endpoint override (dynalite locally); {@code null} for AWS
 * @param ordersTable the table's name
 * @param apiCallTimeout bound on one read; past it the API answers from Redis alone
 * @param maxTalliedOrders most orders (with pages) whose ids the per-sale counts keep, so
 * that a count reads only new pages (74 bytes of heap an order); past it the least
 * recently counted sales are dropped and counted from the start when next asked
 */
@Validated
@ConfigurationProperties("velocity.dynamodb")
public record DynamoDbProperties(URI endpoint, @NotBlank String ordersTable, @NotNull Duration apiCallTimeout,
		@Min(0) long maxTalliedOrders) {

}
