package dev.velocity.api.waitingroom.web;

import java.time.Instant;

import dev.velocity.api.waitingroom.Place;
import org.jspecify.annotations.Nullable;

/**
 * A shopper's place in a sale's waiting room, as {@code /sales/{saleId}/queue} answers.
 *
 * @param saleId the sale
 * @param state where the shopper stands
 * @param ahead shoppers ahead; {@code null} before the start (places are drawn at the
 * start) and when not waiting
 * @param waiting shoppers waiting in all
 * @param estimatedWaitSeconds shoppers ahead over the admission rate; {@code null} when
 * not known
 * @param pollAfterSeconds when to ask again
 * @param remaining the sale's units left, so nobody waits for a sale that sold out
 * @param admission the admission token ({@code Velocity-Admission} header of
 * {@code POST /buy}) once admitted; otherwise {@code null}
 * @param at when the admission ends, or when the pre-queue opens
 * @param served shoppers the room had admitted when it answered;
 * {@code /topic/queue/{saleId}} sends the count as it grows, so a page shows
 * {@code ahead - (live served - served)} between polls
 */
record QueueAnswer(String saleId, Place.State state, @Nullable Long ahead, long waiting,
		@Nullable Long estimatedWaitSeconds, long pollAfterSeconds, long remaining, @Nullable String admission,
		@Nullable Instant at, long served) {

}
