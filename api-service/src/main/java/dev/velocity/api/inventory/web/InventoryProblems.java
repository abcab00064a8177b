package dev.velocity.api.inventory.web;

import dev.velocity.api.inventory.SaleIsArchived;
import dev.velocity.api.inventory.SaleNeedsRebuild;
import dev.velocity.api.inventory.SaleNotDeletable;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.StockBelowSold;
import dev.velocity.api.inventory.InventoryProblemTypes;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The sales' failures as problems (ahead of the catch-all in {@code web}). */
@RestControllerAdvice
@Order(0)
class InventoryProblems {

	@ExceptionHandler(SaleNotFound.class)
	ProblemDetail saleNotFound(SaleNotFound ex) {
		return InventoryProblemTypes.SALE_NOT_FOUND.problem(ex.getMessage());
	}

	@ExceptionHandler(StockBelowSold.class)
	ProblemDetail stockBelowSold(StockBelowSold ex) {
		ProblemDetail problem = InventoryProblemTypes.STOCK_BELOW_SOLD.problem(ex.getMessage());
		problem.setProperty("sold", ex.sold());
		return problem;
	}

	@ExceptionHandler(SaleNotDeletable.class)
	ProblemDetail saleNotDeletable(SaleNotDeletable ex) {
		ProblemDetail problem = InventoryProblemTypes.SALE_NOT_DELETABLE.problem(ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		problem.setProperty("sold", ex.sold());
		return problem;
	}

	@ExceptionHandler(SaleIsArchived.class)
	ProblemDetail saleArchived(SaleIsArchived ex) {
		return InventoryProblemTypes.SALE_ARCHIVED.problem(ex.getMessage());
	}

	@ExceptionHandler(SaleNeedsRebuild.class)
	ProblemDetail saleNeedsRebuild(SaleNeedsRebuild ex) {
		return InventoryProblemTypes.SALE_NEEDS_REBUILD.problem(ex.getMessage());
	}

}
