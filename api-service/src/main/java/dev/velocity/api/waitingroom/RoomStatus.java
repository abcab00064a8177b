package dev.velocity.api.waitingroom;

import org.jspecify.annotations.Nullable;

/**
 * A waiting room as its admin sees it.
 *
 * @param saleId the sale
 * @param settings its settings
 * @param waiting shoppers waiting
 * @param active admitted shoppers who have not bought yet
 * @param admitted shoppers admitted in all
 * @param abandoned admissions that ended unused
 * @param left shoppers who left or stopped asking for longer than the grace period
 * @param seed the seed that ordered the pre-queue, shown once the sale has started (an
 * audit replays the order with it); {@code null} before
 */
public record RoomStatus(String saleId, RoomSettings settings, long waiting, long active, long admitted, long abandoned,
		long left, @Nullable String seed) {

}
