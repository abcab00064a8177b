package dev.velocity.api.reconciliation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One sale's books. In units: {@code initialStock == remaining + sold} always holds in
 * Redis, and once the pipeline has drained
 * {@code initialStock == remaining + persistedUnits}.
 *
 * @param saleId the sale
 * @param initialStock its total stock (from the durable definition)
 * @param remaining units left (Redis)
 * @param sold units taken (Redis)
 * @param pendingInOutbox orders not yet acknowledged by the queue
 * @param inFlightUnits units acknowledged by the queue but not yet persisted
 * @param persistedOrders orders in the order store
 * @param persistedUnits units of those orders
 * @param drift {@code initialStock - remaining - persistedUnits}: units sold but not yet
 * persisted; 0 when the pipeline is drained, negative when the store has more than Redis
 * sold
 * @param status what the books say
 * @param rebuiltAt when Redis's copy was last rebuilt from the order store, {@code null}
 * for never: a pass holds a sale only if no rebuild has reopened it since its books were
 * read
 */
public record SaleBooks(String saleId, long initialStock, long remaining, long sold, long pendingInOutbox,
		long inFlightUnits, long persistedOrders, long persistedUnits, long drift, Status status,
		@Nullable Instant rebuiltAt) {

	/** What the books say. */
	public enum Status {

		/** Everything sold is persisted. */
		BALANCED,
		/** Orders are on their way to the store. */
		IN_TRANSIT,
		/** Redis has no trace of a sale the archive knows: it restarted empty. */
		LOST_IN_REDIS,
		/** The store has more than Redis sold: Redis lost writes. */
		BEHIND,
		/**
		 * Held closed until it is rebuilt from the order store: its Redis master changed,
		 * or a rebuild did not finish. The hold is in Redis, so every instance sees it.
		 */
		HELD,
		/** The store holds more units than the sale had. */
		OVERSOLD;

		/**
		 * What a sale's figures say, the worst first: an oversell, then a Redis that lost
		 * the sale or writes, then a hold for a rebuild, then orders still on their way.
		 * @param initialStock the sale's total stock
		 * @param sold units Redis says were taken
		 * @param persistedUnits units of the stored orders
		 * @param drift {@code initialStock - remaining - persistedUnits}
		 * @param lostInRedis whether Redis has only a stand-in (or nothing) for the sale
		 * @param held whether Redis holds the sale closed
		 * @return the status
		 */
		public static Status of(long initialStock, long sold, long persistedUnits, long drift, boolean lostInRedis,
				boolean held) {
			if (persistedUnits > initialStock) {
				return OVERSOLD;
			}
			if (lostInRedis) {
				return LOST_IN_REDIS;
			}
			if (persistedUnits > sold) {
				return BEHIND;
			}
			if (held) {
				return HELD;
			}
			return (drift == 0) ? BALANCED : IN_TRANSIT;
		}

	}

}
