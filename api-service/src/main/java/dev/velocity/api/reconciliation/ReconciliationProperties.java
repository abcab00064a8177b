package dev.velocity.api.reconciliation;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The books of every sale, and their repair.
 *
 * @param interval pause between reconciliation passes
 * @param driftBound how long units may stay sold but not persisted before it is reported
 * @param drainTimeout how long a rebuild waits for the orders queue to drain (the sale
 * stays closed meanwhile, and the next pass tries again)
 * @param autoRebuild whether a pass rebuilds sales Redis lost or is behind on, by itself
 * @param balancedRecheck how long a pass trusts a sale's balanced books while Redis's
 * figures for it stay the same, instead of reading all its orders from the store again
 * @param activeRecheck how long a pass reuses the store's counts for any other sale
 * (Redis's figures are always fresh; a Redis restart forces a new read at once)
 */
@Validated
@ConfigurationProperties("velocity.reconciliation")
public record ReconciliationProperties(@NotNull Duration interval, @NotNull Duration driftBound,
		@NotNull Duration drainTimeout, boolean autoRebuild, @NotNull Duration balancedRecheck,
		@NotNull Duration activeRecheck) {

}
