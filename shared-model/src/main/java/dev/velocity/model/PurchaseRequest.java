package dev.velocity.model;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /buy}.
 *
 * @param saleId the sale to buy from
 * @param userId the shopper; the per-user limit is counted against it
 * @param quantity units to buy; defaults to 1
 */
public record PurchaseRequest(@NotBlank @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
		@NotBlank @Size(max = Ids.MAX_USER_ID_LENGTH) String userId, @Min(1) @Max(Ids.MAX_QUANTITY) Integer quantity) {

	public PurchaseRequest {
		if (quantity == null) {
			quantity = 1;
		}
	}

}
