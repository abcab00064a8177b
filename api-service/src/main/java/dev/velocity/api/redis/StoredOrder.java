package dev.velocity.api.redis;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.velocity.orders.OrderPlaced;
import org.jspecify.annotations.Nullable;

/**
 * An order as {@code purchase.lua} stores it in its sale's orders hash, read by every
 * feature's Redis adapter that meets one: compact JSON, because Redis holds one per live
 * order. The order id is the hash field and the sale id its prefix, so neither is
 * repeated; orders stored in the longer form before ({@code userId, quantity, placedAt,
 * idempotencyKey}, with the ids) read the same.
 *
 * @param userId the shopper ({@code u})
 * @param quantity units ({@code q})
 * @param placedAt when it was accepted, epoch ms (Redis TIME) ({@code t})
 * @param idempotencyKey the shopper's key, or {@code null} ({@code k})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoredOrder(@JsonProperty("u") @JsonAlias("userId") String userId,
		@JsonProperty("q") @JsonAlias("quantity") int quantity, @JsonProperty("t") @JsonAlias("placedAt") long placedAt,
		@JsonProperty("k") @JsonAlias("idempotencyKey") @Nullable String idempotencyKey) {

	/**
	 * The order as stored.
	 * @param order the order
	 * @return its stored form
	 */
	public static StoredOrder of(OrderPlaced order) {
		return new StoredOrder(order.userId(), order.quantity(), order.placedAt().toEpochMilli(),
				order.idempotencyKey());
	}

	/**
	 * The order.
	 * @param orderId its id (the hash field): {@code <saleId>.<unique part>}
	 * @return the order
	 */
	public OrderPlaced toOrderPlaced(String orderId) {
		String saleId = orderId.substring(0, orderId.indexOf('.'));
		return new OrderPlaced(orderId, saleId, this.userId, this.quantity, Instant.ofEpochMilli(this.placedAt),
				this.idempotencyKey);
	}

}
