package dev.velocity.api.inventory;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The inventory's problems: sales that are not there or cannot be written as asked. */
public final class InventoryProblemTypes {

	public static final ProblemType SALE_NOT_FOUND = ProblemType.of("sale-not-found", HttpStatus.NOT_FOUND,
			"Sale not found");

	public static final ProblemType STOCK_BELOW_SOLD = ProblemType.of("stock-below-sold", HttpStatus.CONFLICT,
			"Stock below units sold");

	public static final ProblemType SALE_NEEDS_REBUILD = ProblemType.of("sale-needs-rebuild", HttpStatus.CONFLICT,
			"Sale needs a rebuild");

	public static final ProblemType SALE_NOT_DELETABLE = ProblemType.of("sale-not-deletable", HttpStatus.CONFLICT,
			"Sale not deletable");

	public static final ProblemType SALE_ARCHIVED = ProblemType.of("sale-archived", HttpStatus.CONFLICT,
			"Sale archived");

	private InventoryProblemTypes() {
	}

}
