package dev.velocity.api.inventory;

/**
 * A sale's counters at one moment.
 *
 * @param remaining units left
 * @param sold units taken
 */
public record StockLevel(long remaining, long sold) {

}
