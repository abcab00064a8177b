package dev.velocity.api.inventory;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * The durable record of every sale, kept beside the orders (not in Redis): a sale Redis
 * lost is rebuilt from it instead of reopening with stock it already sold; drafts live
 * only here, and so do archived sales once Redis let go of them.
 */
public interface SaleRecords {

	/** Records a live sale's definition (Redis has, or is about to have, the sale). */
	void save(String saleId, SaleDefinition definition);

	/** Records a draft: defined, not scheduled, in no Redis. */
	void saveDraft(String saleId, SaleDefinition definition);

	/**
	 * The definition of a sale Redis should have (live, or being archived); drafts and
	 * archived sales have none.
	 * @param saleId the sale
	 * @return its definition
	 */
	Optional<SaleDefinition> find(String saleId);

	/**
	 * A sale's record, whatever its stage.
	 * @param saleId the sale
	 * @return its record, or empty when there is none
	 */
	Optional<SaleRecord> record(String saleId);

	/** The sale's figures are final: it is being archived. */
	void archiving(String saleId, SaleDefinition definition, SaleRecord.Figures figures);

	/** Redis let go of the sale: it is archived. */
	void archived(String saleId, SaleDefinition definition, SaleRecord.Figures figures);

	/** Forgets a sale (one that never sold): a rebuild no longer knows it. */
	void remove(String saleId);

	/**
	 * The ids of the sales Redis should have (live, or being archived): what the
	 * reconciler watches. Drafts and archived sales are not among them.
	 * @return the ids
	 */
	List<String> saleIds();

	/**
	 * The records of the sales Redis should have, read a page at a time.
	 * @return the records
	 */
	List<SaleRecord> live();

	/**
	 * One page of the drafts or of the archived sales, by sale id.
	 * @param stage {@link SaleRecord.Stage#DRAFT} or {@link SaleRecord.Stage#ARCHIVED}
	 * @param after the last sale id of the page before, {@code null} for the first
	 * @param limit most records
	 * @return the records, in order of sale id
	 */
	List<SaleRecord> page(SaleRecord.Stage stage, @Nullable String after, int limit);

}
