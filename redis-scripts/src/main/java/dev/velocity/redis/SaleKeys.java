package dev.velocity.redis;

import java.util.List;

/**
 * The Redis keys of one sale. They all carry the hash tag {@code {saleId}}, so they live
 * in one cluster slot and one script may touch them all.
 *
 * @param sale hash of the sale's definition and counters
 * @param buyers hash of units bought per shopper
 * @param orders hash of accepted orders (JSON) by order id
 * @param idempotency hash of order ids by {@code Idempotency-Key}
 * @param outbox sorted set of order ids not yet acknowledged by the queue, by due time
 */
public record SaleKeys(String sale, String buyers, String orders, String idempotency, String outbox) {

	/** Set of every sale id (outside any sale's slot; never touched by a script). */
	public static final String SALES_INDEX = "velocity:sales";

	/** Set of the ids of sales with a waiting room (as {@link #SALES_INDEX}). */
	public static final String ROOMS_INDEX = "velocity:rooms";

	/**
	 * The keys of a sale.
	 * @param saleId the sale id (it must not contain braces)
	 * @return its keys
	 */
	public static SaleKeys of(String saleId) {
		String base = "sale:{" + saleId + "}";
		return new SaleKeys(base, base + ":buyers", base + ":orders", base + ":idem", base + ":outbox");
	}

	/**
	 * KEYS of {@code purchase.lua}, in order.
	 * @param shopper the shopper (visible ASCII)
	 * @param address the client's address, as the API normalized it
	 * @return the keys
	 */
	public List<String> forPurchase(String shopper, String address) {
		return List.of(this.sale, this.buyers, this.orders, this.idempotency, this.outbox,
				this.sale + ":rate:shopper:" + shopper, this.sale + ":rate:address:" + address, room(), roomAdmitted());
	}

	/** Hash of the sale's waiting room: its settings, seed and counters. */
	public String room() {
		return this.sale + ":room";
	}

	/** Sorted set of the shoppers waiting, by place. */
	public String roomQueue() {
		return this.sale + ":room:queue";
	}

	/** Sorted set of the shoppers waiting, by when each last asked. */
	public String roomSeen() {
		return this.sale + ":room:seen";
	}

	/** Sorted set of the admitted shoppers who have not bought yet, by when it ends. */
	public String roomAdmitted() {
		return this.sale + ":room:admitted";
	}

	/**
	 * KEYS of {@code room-join.lua}, {@code room-admit.lua} and {@code room-leave.lua}.
	 */
	public List<String> forRoom() {
		return List.of(this.sale, room(), roomQueue(), roomSeen(), roomAdmitted());
	}

	/**
	 * The field of {@link #idempotency} that holds a shopper's key: keys are per shopper.
	 * @param shopper the shopper
	 * @param idempotencyKey the key
	 * @return the field
	 */
	public static String idempotencyField(String shopper, String idempotencyKey) {
		return shopper + " " + idempotencyKey;
	}

	/** KEYS of {@code sale-rebuild.lua}, in order. */
	public List<String> forRebuild() {
		return List.of(this.sale, this.buyers, this.orders, this.idempotency);
	}

	/** KEYS of {@code sale-archive.lua}, in order: every key of the sale and its room. */
	public List<String> forArchive() {
		return List.of(this.sale, this.buyers, this.orders, this.idempotency, this.outbox, room(), roomQueue(),
				roomSeen(), roomAdmitted());
	}

	/** Lock key held by the API instance rebuilding or archiving the sale. */
	public String rebuildLock() {
		return this.sale + ":rebuilding";
	}

	/** KEYS of {@code outbox-claim.lua}, in order. */
	public List<String> forOutboxClaim() {
		return List.of(this.outbox, this.orders);
	}

	/** Every key of the sale. */
	public List<String> all() {
		return List.of(this.sale, this.buyers, this.orders, this.idempotency, this.outbox);
	}

}
