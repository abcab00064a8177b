package dev.velocity.api.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sale as the admin API shows it. {@code initialStock == remaining + sold} always
 * holds.
 *
 * @param saleId the sale id
 * @param name display name
 * @param initialStock total units of the sale
 * @param remaining units still for sale
 * @param sold units taken by accepted orders
 * @param perUserLimit most units per shopper, {@code null} for no limit
 * @param startsAt when it opens, {@code null} for "already open"
 * @param endsAt when it closes, {@code null} for never
 * @param state where the sale is now
 * @param pendingHandOff accepted orders the queue has not acknowledged yet (the outbox)
 * @param confirmed orders of the sale persisted in the order store, {@code null} when the
 * store could not be asked
 */
public record SaleView(String saleId, String name, long initialStock, long remaining, long sold,
		@Nullable Long perUserLimit, @Nullable Instant startsAt, @Nullable Instant endsAt, SaleState state,
		long pendingHandOff, @Nullable Long confirmed) {

	/**
	 * The same view with the order store's count.
	 * @param count orders of the sale persisted, {@code null} when the store could not be
	 * asked
	 * @return the view
	 */
	public SaleView withConfirmed(@Nullable Long count) {
		return new SaleView(this.saleId, this.name, this.initialStock, this.remaining, this.sold, this.perUserLimit,
				this.startsAt, this.endsAt, this.state, this.pendingHandOff, count);
	}

}
