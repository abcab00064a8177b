package dev.velocity.api.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sale's counters at one moment.
 *
 * @param remaining units left
 * @param sold units taken
 * @param endsAt when the sale ends, {@code null} for never
 */
public record StockLevel(long remaining, long sold, @Nullable Instant endsAt) {

}
