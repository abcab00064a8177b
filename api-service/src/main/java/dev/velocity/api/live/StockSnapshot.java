package dev.velocity.api.live;

import java.time.Instant;

/**
 * A sale's stock at one moment, as broadcast on {@code /topic/stock/{saleId}}.
 *
 * @param saleId the sale
 * @param remaining units left
 * @param sold units taken
 * @param at when it was read
 */
public record StockSnapshot(String saleId, long remaining, long sold, Instant at) {

}
