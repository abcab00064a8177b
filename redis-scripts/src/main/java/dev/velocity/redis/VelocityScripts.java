package dev.velocity.redis;

/**
 * Class-path locations of the Lua scripts; each script's header documents KEYS, ARGV and
 * returns.
 */
public final class VelocityScripts {

	/** Takes units from a sale and records the order. */
	public static final String PURCHASE = "velocity/redis/purchase.lua";

	/** Creates or replaces a sale, keeping what it sold. */
	public static final String SALE_UPSERT = "velocity/redis/sale-upsert.lua";

	/** Rebuilds a sale from the durable record of its orders, and reopens it. */
	public static final String SALE_REBUILD = "velocity/redis/sale-rebuild.lua";

	/**
	 * Holds a sale closed until it is rebuilt, unless it was rebuilt since it was read.
	 */
	public static final String SALE_HOLD = "velocity/redis/sale-hold.lua";

	/** Claims orders due for a (re)send to the queue. */
	public static final String OUTBOX_CLAIM = "velocity/redis/outbox-claim.lua";

	/** Takes or finds a shopper's place in a sale's waiting room. */
	public static final String ROOM_JOIN = "velocity/redis/room-join.lua";

	/** One tick of a waiting room's inlet. */
	public static final String ROOM_ADMIT = "velocity/redis/room-admit.lua";

	/** A shopper leaves a waiting room. */
	public static final String ROOM_LEAVE = "velocity/redis/room-leave.lua";

	/** Deletes a sale that never sold and is not open. */
	public static final String SALE_DELETE = "velocity/redis/sale-delete.lua";

	/** Lets go of an ended sale whose books balance, leaving a tombstone. */
	public static final String SALE_ARCHIVE = "velocity/redis/sale-archive.lua";

	private VelocityScripts() {
	}

}
