package dev.velocity.api.inventory;

import java.time.Instant;

import dev.velocity.api.web.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /admin/sales/{saleId}}: creates or replaces a sale. Replacing keeps
 * what was already sold: {@code stock} is the sale's total stock, so {@code remaining}
 * becomes {@code stock - sold} (a restock raises {@code stock}).
 *
 * @param name display name
 * @param stock total units of the sale
 * @param perUserLimit most units one shopper may buy; {@code null} for no limit
 * @param startsAt when the sale opens; {@code null} for now
 * @param endsAt when the sale closes; {@code null} for never
 */
public record SaleDefinition(@NotBlank @Size(max = 200) String name, @NotNull @Min(0) @Max(Ids.MAX_STOCK) Long stock,
		@Min(1) @Max(Ids.MAX_STOCK) Long perUserLimit, Instant startsAt, Instant endsAt) {

	/**
	 * This sale ended at {@code now}: one that had not started yet never opens.
	 * @param now the time
	 * @return the definition, ended
	 */
	public SaleDefinition endedAt(Instant now) {
		Instant starts = (this.startsAt != null && this.startsAt.isAfter(now)) ? now : this.startsAt;
		return new SaleDefinition(this.name, this.stock, this.perUserLimit, starts, now);
	}

	/** Whether it has ended by {@code now}. */
	public boolean hasEndedBy(Instant now) {
		return this.endsAt != null && !this.endsAt.isAfter(now);
	}

}
