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
 * @param rebuildAfterFailover whether a sale whose Redis master changed (a replica
 * promoted) is held and rebuilt from the order store: the replica may lack the last
 * acknowledged writes. A Redis that acknowledges a write only once it is durable on
 * several nodes (MemoryDB) does not need it
 */
@Validated
@ConfigurationProperties("velocity.reconciliation")
public record ReconciliationProperties(@NotNull Duration interval, @NotNull Duration driftBound,
		@NotNull Duration drainTimeout, boolean autoRebuild, boolean rebuildAfterFailover) {

}
