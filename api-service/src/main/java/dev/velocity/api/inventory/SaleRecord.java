package dev.velocity.api.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sale's durable record: its definition and where it is in its life.
 *
 * @param saleId the sale
 * @param definition its definition
 * @param stage where it is
 * @param figures its final figures, from the moment it began to be archived
 */
public record SaleRecord(String saleId, SaleDefinition definition, Stage stage, @Nullable Figures figures) {

	/** Where a sale is in its life, as its durable record says. */
	public enum Stage {

		/** Defined, not scheduled: only the record has it; it never sells. */
		DRAFT,
		/** In Redis: scheduled, open, sold out or ended. */
		LIVE,
		/**
		 * Being archived: its figures are final, and Redis is letting go of it (an
		 * archive interrupted here is resumed).
		 */
		ARCHIVING,
		/** Ended, its books balanced and kept here; Redis has let go of it. */
		ARCHIVED

	}

	/**
	 * An archived sale's figures, taken when its books balanced.
	 *
	 * @param sold units sold
	 * @param orders orders persisted
	 * @param archivedAt when it began to be archived
	 */
	public record Figures(long sold, long orders, Instant archivedAt) {

	}

	/**
	 * A draft's or an archived sale's view (a live sale's comes from Redis).
	 * @return the view
	 */
	public SaleView view() {
		long sold = (this.figures != null) ? this.figures.sold() : 0;
		long orders = (this.figures != null) ? this.figures.orders() : 0;
		SaleState state = (this.stage == Stage.DRAFT) ? SaleState.DRAFT : SaleState.ARCHIVED;
		return new SaleView(this.saleId, this.definition.name(), this.definition.stock(),
				Math.max(0, this.definition.stock() - sold), sold, this.definition.perUserLimit(),
				this.definition.startsAt(), this.definition.endsAt(), state, 0, orders);
	}

}
