package dev.velocity.api.purchase;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/** The rate limits of each sale, as the purchase script takes them. */
@Component
public class RateLimits {

	private final Applied defaults;

	private final Map<String, Applied> bySale = new HashMap<>();

	RateLimits(RateLimitProperties properties) {
		this.defaults = new Applied(properties.shopper(), properties.address());
		properties.sales()
			.forEach((saleId, overrides) -> this.bySale.put(saleId,
					new Applied((overrides.shopper() != null) ? overrides.shopper() : properties.shopper(),
							(overrides.address() != null) ? overrides.address() : properties.address())));
	}

	/**
	 * A sale's limits.
	 * @param saleId the sale
	 * @return its limits
	 */
	public Applied forSale(String saleId) {
		return this.bySale.getOrDefault(saleId, this.defaults);
	}

	/**
	 * Limits as the purchase script's arguments: the milliseconds between requests at the
	 * sustained rate ({@code "0"}: none) and the burst.
	 *
	 * @param shopperInterval per shopper
	 * @param shopperBurst per shopper
	 * @param addressInterval per address
	 * @param addressBurst per address
	 */
	public record Applied(String shopperInterval, String shopperBurst, String addressInterval, String addressBurst) {

		Applied(RateLimitProperties.Limit shopper, RateLimitProperties.Limit address) {
			this(interval(shopper), String.valueOf(shopper.burst()), interval(address),
					String.valueOf(address.burst()));
		}

		private static String interval(RateLimitProperties.Limit limit) {
			return (limit.perSecond() > 0) ? String.valueOf(1000.0 / limit.perSecond()) : "0";
		}

	}

}
