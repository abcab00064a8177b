package dev.velocity.api.purchase.web;

import java.util.regex.Pattern;

import dev.velocity.api.web.Ids;
import dev.velocity.api.web.PlainlyValid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /buy}.
 *
 * @param saleId the sale to buy from
 * @param userId optional: the shopper is the bearer token's subject, and a body that
 * names another is refused
 * @param quantity units to buy; defaults to 1
 */
public record PurchaseRequest(
		@NotBlank @jakarta.validation.constraints.Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
		@jakarta.validation.constraints.Pattern(regexp = Ids.SHOPPER_ID_PATTERN) String userId,
		@Min(1) @Max(Ids.MAX_QUANTITY) Integer quantity) implements PlainlyValid {

	private static final Pattern SALE_ID = Pattern.compile(Ids.SALE_ID_PATTERN);

	private static final Pattern SHOPPER_ID = Pattern.compile(Ids.SHOPPER_ID_PATTERN);

	public PurchaseRequest {
		if (quantity == null) {
			quantity = 1;
		}
	}

	/** The annotations above, by hand (a sale id that matches is never blank). */
	@Override
	public boolean plainlyValid() {
		return this.saleId != null && SALE_ID.matcher(this.saleId).matches()
				&& (this.userId == null || SHOPPER_ID.matcher(this.userId).matches()) && this.quantity >= 1
				&& this.quantity <= Ids.MAX_QUANTITY;
	}

}
