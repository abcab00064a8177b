package dev.velocity.api.purchase;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Purchase rate limits, kept in Redis beside each sale (so every API instance shares
 * them, and the purchase script checks them in the same round trip). Over a limit a
 * purchase is answered 429 {@code rate-limited} with {@code Retry-After}, and nothing is
 * taken.
 *
 * @param shopper per shopper (the token's subject), per sale
 * @param address per client address (see {@code velocity.http.trusted-proxies}), per sale
 * @param sales overrides by sale id; a limit left out there is the default's
 */
@Validated
@ConfigurationProperties("velocity.rate-limit")
public record RateLimitProperties(@NotNull @Valid Limit shopper, @NotNull @Valid Limit address,
		@NotNull Map<String, @Valid Overrides> sales) {

	public RateLimitProperties {
		sales = (sales != null) ? Map.copyOf(sales) : Map.of();
	}

	/**
	 * One limit: a token bucket of {@code burst} requests refilled at {@code perSecond}.
	 *
	 * @param perSecond sustained requests a second ({@code 0}: no limit)
	 * @param burst requests allowed at once
	 */
	public record Limit(@DecimalMin("0") double perSecond, @Min(1) @Max(1_000_000) int burst) {

	}

	/**
	 * A sale's own limits.
	 *
	 * @param shopper per shopper, or {@code null} for the default
	 * @param address per address, or {@code null} for the default
	 */
	public record Overrides(@Valid @Nullable Limit shopper, @Valid @Nullable Limit address) {

	}

}
