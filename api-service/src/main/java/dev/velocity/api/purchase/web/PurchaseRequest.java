package dev.velocity.api.purchase.web;

import java.util.regex.Pattern;

import dev.velocity.api.web.Ids;
import dev.velocity.api.web.PlainlyValid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

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

	/**
	 * The body in the plain form clients send (one object of these fields, each at most
	 * once, strings and a whole number), read token by token: binding it costs a sold-out
	 * answer more, since Jackson calls a record's constructor through a method handle
	 * with its arguments spread anew on every call. Anything else, and any failure, is
	 * {@code null}, for the binder to read by its full rules.
	 * @param parser a parser over the body, closed here
	 * @return the request, or {@code null}
	 */
	static @Nullable PurchaseRequest readPlain(JsonParser parser) {
		try (parser) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String saleId = null;
			String userId = null;
			Integer quantity = null;
			int seen = 0;
			JsonToken token;
			while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				int field;
				if ("saleId".equals(name) && value == JsonToken.VALUE_STRING) {
					saleId = parser.getString();
					field = 1;
				}
				else if ("userId".equals(name) && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
					userId = (value == JsonToken.VALUE_NULL) ? null : parser.getString();
					field = 2;
				}
				else if ("quantity".equals(name)
						&& (value == JsonToken.VALUE_NULL || (value == JsonToken.VALUE_NUMBER_INT
								&& parser.getNumberType() == JsonParser.NumberType.INT))) {
					quantity = (value == JsonToken.VALUE_NULL) ? null : parser.getIntValue();
					field = 4;
				}
				else {
					return null;
				}
				if ((seen & field) != 0) {
					return null;
				}
				seen |= field;
			}
			if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
				return null;
			}
			return new PurchaseRequest(saleId, userId, quantity);
		}
		catch (JacksonException ex) {
			return null;
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
