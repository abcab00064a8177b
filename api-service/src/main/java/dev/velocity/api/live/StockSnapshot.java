package dev.velocity.api.live;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sale's stock at one moment, as broadcast on {@code /topic/stock/{saleId}}.
 *
 * @param saleId the sale
 * @param remaining units left
 * @param sold units taken
 * @param at when it was read
 * @param endsAt when the sale ends ({@code null} for never): a page stops offering Buy
 * once it has passed, and a sale closed early is announced with it
 */
public record StockSnapshot(String saleId, long remaining, long sold, Instant at, @Nullable Instant endsAt) {

}
