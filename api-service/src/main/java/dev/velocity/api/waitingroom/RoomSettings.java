package dev.velocity.api.waitingroom;

import java.time.Duration;
import java.time.Instant;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * Body of {@code PUT /admin/sales/{saleId}/waiting-room}: a sale's waiting room, which
 * may change while the sale runs.
 *
 * @param opensAt when shoppers may start to join (the pre-queue); {@code null} for now
 * @param admissionsPerSecond shoppers let through per second, across every API instance
 * (about 75% of what the origin sustains is the usual advice)
 * @param admissionSeconds how long an admission lasts before it ends unused
 * @param maxActive admitted shoppers who have not bought yet, at most; 0 (or none) for no
 * bound
 * @param paused whether the inlet is shut for now (the queue keeps its order); none for
 * open
 */
public record RoomSettings(@Nullable Instant opensAt,
		@NotNull @DecimalMin("0.1") @DecimalMax("100000") Double admissionsPerSecond,
		@NotNull @Min(10) @Max(3600) Integer admissionSeconds, @Nullable @Min(0) @Max(10_000_000) Integer maxActive,
		@Nullable Boolean paused) {

	public RoomSettings {
		if (maxActive == null) {
			maxActive = 0;
		}
		if (paused == null) {
			paused = false;
		}
	}

	/** How long an admission lasts. */
	public Duration admission() {
		return Duration.ofSeconds(this.admissionSeconds);
	}

}
