package dev.velocity.api.purchase.web;

import dev.velocity.api.web.Ids;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Body of {@code POST /buy}.
 *
 * @param saleId the sale to buy from
 * @param userId optional: the shopper is the bearer token's subject, and a body that
 * names another is refused
 * @param quantity units to buy; defaults to 1
 */
public record PurchaseRequest(@NotBlank @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
		@Pattern(regexp = Ids.SHOPPER_ID_PATTERN) String userId, @Min(1) @Max(Ids.MAX_QUANTITY) Integer quantity) {

	public PurchaseRequest {
		if (quantity == null) {
			quantity = 1;
		}
	}

}
