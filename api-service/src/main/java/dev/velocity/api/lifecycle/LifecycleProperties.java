package dev.velocity.api.lifecycle;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * When sales are archived.
 *
 * @param autoArchive whether ended sales are archived by themselves
 * @param archiveAfter how long after its end a sale is archived by itself (once its books
 * balance)
 * @param interval pause between the passes that look for sales to archive
 * @param tombstone how long Redis keeps an archived sale's tombstone, which answers a
 * late purchase {@code sale-not-open} and replays an {@code Idempotency-Key} from the
 * order store; afterwards a purchase on it is {@code sale-not-found}
 */
@Validated
@ConfigurationProperties("velocity.lifecycle")
public record LifecycleProperties(boolean autoArchive, @NotNull Duration archiveAfter, @NotNull Duration interval,
		@NotNull Duration tombstone) {

}
