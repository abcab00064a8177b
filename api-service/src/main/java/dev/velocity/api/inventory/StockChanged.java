package dev.velocity.api.inventory;

/**
 * The stock of a sale changed (a purchase, a restock, a new sale). A purchase publishes
 * it on the thread that read Redis's reply, a client library's I/O thread: listeners note
 * it and return, and leave any slow work to a thread of their own.
 *
 * @param saleId the sale
 */
public record StockChanged(String saleId) {

}
