package dev.velocity.api.purchase.redis;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.velocity.api.order.HandOffProperties;
import dev.velocity.api.purchase.Inventory;
import dev.velocity.api.purchase.PurchaseCommand;
import dev.velocity.api.purchase.PurchaseOutcome;
import dev.velocity.api.purchase.RateLimits;
import dev.velocity.api.redis.ScriptReplies;
import dev.velocity.api.redis.StoredOrder;
import dev.velocity.redis.SaleKeys;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Runs {@code purchase.lua}: one EVALSHA per purchase, sent without holding a thread (the
 * reactive template: EVAL on {@code NOSCRIPT}, Redis's errors translated as every other
 * command's), and bounded by Lettuce's command timeout
 * ({@code spring.data.redis.timeout}: Spring Boot turns Lettuce's timeout options on, and
 * a late reply fails as {@link org.springframework.dao.QueryTimeoutException}). The
 * future completes on the thread that read the reply.
 */
@Component
class RedisInventory implements Inventory {

	private final ReactiveStringRedisTemplate redis;

	@SuppressWarnings("rawtypes")
	private final RedisScript<List> purchaseScript;

	private final JsonMapper jsonMapper;

	private final String graceMillis;

	private final RateLimits rateLimits;

	@SuppressWarnings("rawtypes")
	RedisInventory(ReactiveStringRedisTemplate redis, RedisScript<List> purchaseScript, JsonMapper jsonMapper,
			HandOffProperties handOff, RateLimits rateLimits) {
		this.redis = redis;
		this.purchaseScript = purchaseScript;
		this.jsonMapper = jsonMapper;
		this.graceMillis = String.valueOf(handOff.grace().toMillis());
		this.rateLimits = rateLimits;
	}

	@Override
	public CompletableFuture<PurchaseOutcome> reserve(PurchaseCommand command, String orderId) {
		RateLimits.Applied limits = this.rateLimits.forSale(command.saleId());
		return this.redis
			.execute(this.purchaseScript,
					SaleKeys.of(command.saleId()).forPurchase(command.userId(), command.clientAddress()),
					List.of(command.saleId(), command.userId(), String.valueOf(command.quantity()), orderId,
							(command.idempotencyKey() != null) ? command.idempotencyKey() : "", this.graceMillis,
							limits.shopperInterval(), limits.shopperBurst(), limits.addressInterval(),
							limits.addressBurst(), command.admitted() ? "1" : "0"))
			.single()
			.map(this::outcome)
			.toFuture();
	}

	private PurchaseOutcome outcome(List<?> reply) {
		String code = String.valueOf(reply.get(0));
		return switch (code) {
			case "RESERVED" -> new PurchaseOutcome.Reserved(
					this.jsonMapper.readValue(ScriptReplies.text(reply, 4), StoredOrder.class)
						.toOrderPlaced(ScriptReplies.text(reply, 1)),
					ScriptReplies.number(reply, 2), "1".equals(ScriptReplies.text(reply, 3)));
			case "SOLD_OUT" -> new PurchaseOutcome.SoldOut(ScriptReplies.number(reply, 1));
			case "LIMIT_REACHED" ->
				new PurchaseOutcome.LimitReached(ScriptReplies.number(reply, 1), ScriptReplies.number(reply, 2));
			case "NOT_STARTED" -> new PurchaseOutcome.SaleNotOpen(PurchaseOutcome.SaleNotOpen.Reason.NOT_STARTED,
					Instant.ofEpochMilli(ScriptReplies.number(reply, 1)));
			case "ENDED" -> new PurchaseOutcome.SaleNotOpen(PurchaseOutcome.SaleNotOpen.Reason.ENDED,
					Instant.ofEpochMilli(ScriptReplies.number(reply, 1)));
			case "CLOSED" -> new PurchaseOutcome.SaleNotOpen(PurchaseOutcome.SaleNotOpen.Reason.CLOSED, null);
			case "ARCHIVED" -> new PurchaseOutcome.SaleNotOpen(PurchaseOutcome.SaleNotOpen.Reason.ARCHIVED,
					Instant.ofEpochMilli(ScriptReplies.number(reply, 1)));
			case "NOT_FOUND" -> new PurchaseOutcome.SaleNotFound();
			case "IDEMPOTENCY_MISMATCH" -> new PurchaseOutcome.IdempotencyKeyReused(ScriptReplies.text(reply, 1));
			case "RATE_LIMITED" ->
				new PurchaseOutcome.RateLimited(ScriptReplies.text(reply, 1), ScriptReplies.number(reply, 2));
			case "NOT_ADMITTED" -> new PurchaseOutcome.NotAdmitted();
			default -> throw new IllegalStateException("purchase.lua answered " + reply);
		};
	}

}
