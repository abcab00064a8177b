package dev.velocity.api.inventory;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A sale and its counters, as stored.
 *
 * @param saleId the id
 * @param name display name
 * @param initialStock total units
 * @param remaining units left
 * @param sold units taken
 * @param perUserLimit most units per shopper, {@code null} for none
 * @param startsAt opening time, {@code null} for "open now"
 * @param endsAt closing time, {@code null} for never
 * @param closed held closed (refuses purchases whatever the time)
 * @param pendingHandOff accepted orders not yet acknowledged by the queue
 * @param rebuiltAt when Redis's copy was last rebuilt from the order store, {@code null}
 * for never
 */
public record Sale(String saleId, String name, long initialStock, long remaining, long sold, Long perUserLimit,
		Instant startsAt, Instant endsAt, boolean closed, long pendingHandOff, @Nullable Instant rebuiltAt) {

	/**
	 * Where the sale stands at {@code now}.
	 * @param now the time
	 * @return its state
	 */
	public SaleState state(Instant now) {
		if (this.endsAt != null && !now.isBefore(this.endsAt)) {
			return SaleState.ENDED;
		}
		if (this.closed || (this.startsAt != null && now.isBefore(this.startsAt))) {
			return SaleState.UPCOMING;
		}
		return (this.remaining > 0) ? SaleState.OPEN : SaleState.SOLD_OUT;
	}

	/**
	 * Whether this is only the closed, stockless stand-in that {@link SaleCatalog#hold}
	 * leaves for a sale Redis lost: its real state is still to be rebuilt.
	 * @return {@code true} for the stand-in
	 */
	public boolean isLostStandIn() {
		return this.closed && this.initialStock == 0 && this.sold == 0;
	}

	/**
	 * The sale as the API shows it.
	 * @param now the time
	 * @param confirmed orders persisted in the store, {@code null} when unknown
	 * @return the view
	 */
	public SaleView view(Instant now, Long confirmed) {
		return new SaleView(this.saleId, this.name, this.initialStock, this.remaining, this.sold, this.perUserLimit,
				this.startsAt, this.endsAt, state(now), this.pendingHandOff, confirmed);
	}

}
