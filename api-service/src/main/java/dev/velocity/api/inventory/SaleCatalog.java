package dev.velocity.api.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.velocity.orders.OrderPlaced;
import org.jspecify.annotations.Nullable;

/** Where sales are defined and read. */
public interface SaleCatalog {

	/**
	 * Creates or replaces a sale, keeping the units it already sold.
	 * @param saleId the sale id
	 * @param definition the new definition
	 * @return the saved sale and whether it is new
	 * @throws StockBelowSold when {@code definition.stock()} is below the units already
	 * sold
	 */
	SavedSale save(String saleId, SaleDefinition definition);

	Optional<Sale> find(String saleId);

	/**
	 * The counters of a sale, read in one round trip.
	 * @param saleId the sale
	 * @return its stock, or empty when there is no such sale
	 */
	Optional<StockLevel> stockOf(String saleId);

	/**
	 * The ids of every sale Redis has, in one read of its index (no sale is read).
	 * @return the ids
	 */
	Set<String> saleIds();

	/**
	 * Every sale Redis has (one pipelined read of them all: Redis has only live sales).
	 * @return the sales, by id
	 */
	List<Sale> findAll();

	/**
	 * Holds a sale closed: purchases get {@code sale-not-open} (a sale Redis lost is
	 * recreated closed, with no stock).
	 * @param saleId the sale
	 */
	void hold(String saleId);

	/**
	 * Holds a sale closed, as {@link #hold(String)} does, unless a rebuild reopened it
	 * after the figures the caller goes by were read.
	 * @param saleId the sale
	 * @param rebuiltAt {@link Sale#rebuiltAt()} in those figures ({@code null}: never
	 * rebuilt, or not in Redis)
	 * @return whether it is held; {@code false} when it was rebuilt since, or is archived
	 */
	boolean holdUnlessRebuiltSince(String saleId, @Nullable Instant rebuiltAt);

	/**
	 * Rebuilds a sale's state from the orders known to exist, and reopens it.
	 * @param saleId the sale
	 * @param definition its definition
	 * @param orders every order of the sale (persisted or still in the outbox)
	 * @return the stock after the rebuild
	 * @throws SaleNeedsRebuild when Redis lost part of the rebuild while it ran (the sale
	 * stays closed, to be rebuilt again)
	 */
	StockLevel restore(String saleId, SaleDefinition definition, List<OrderPlaced> orders);

	/**
	 * Takes the sale's rebuild lock (one API instance rebuilds a sale at a time).
	 * @param saleId the sale
	 * @param lease how long the lock holds if its owner dies
	 * @return whether this caller has it
	 */
	boolean lockRebuild(String saleId, java.time.Duration lease);

	void unlockRebuild(String saleId);

	/**
	 * Deletes a sale that never sold and is not open, in one step with the check.
	 * @param saleId the sale
	 * @return whether it was deleted; empty when there is no such sale
	 * @throws SaleNotDeletable when it sold something or is open
	 */
	Optional<Boolean> delete(String saleId);

	/**
	 * Lets go of an ended sale whose books balance, in one step with the checks: every
	 * key of it goes but a tombstone that refuses purchases and a new definition until it
	 * expires.
	 * @param saleId the sale
	 * @param persistedUnits units the order store holds: Redis must have sold exactly
	 * these
	 * @param tombstone how long the tombstone stays
	 * @return what happened
	 */
	Archival archive(String saleId, long persistedUnits, java.time.Duration tombstone);

	/** What {@link #archive} did. */
	enum Archival {

		/** Archived now, or before. */
		ARCHIVED,
		/** Redis has no such sale. */
		NOT_FOUND,
		/** Held closed for a rebuild. */
		HELD,
		/** It may still sell. */
		NOT_ENDED,
		/** Orders the queue has not acknowledged yet. */
		IN_TRANSIT,
		/** Redis sold another number of units than were persisted. */
		SOLD_CHANGED

	}

	/**
	 * A saved sale.
	 *
	 * @param sale the sale after the save
	 * @param created whether it did not exist before
	 */
	record SavedSale(Sale sale, boolean created) {

	}

}
