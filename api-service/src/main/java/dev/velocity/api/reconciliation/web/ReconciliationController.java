package dev.velocity.api.reconciliation.web;

import java.util.List;

import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.reconciliation.Reconciler;
import dev.velocity.api.reconciliation.SaleBooks;
import dev.velocity.api.reconciliation.SaleRecovery;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Every sale's books, and the one call that rebuilds a sale after a Redis loss. */
@RestController
class ReconciliationController {

	private final Reconciler reconciler;

	private final SaleRecovery recovery;

	ReconciliationController(Reconciler reconciler, SaleRecovery recovery) {
		this.reconciler = reconciler;
		this.recovery = recovery;
	}

	@GetMapping("/admin/reconciliation")
	List<SaleBooks> all() {
		return this.reconciler.books();
	}

	@GetMapping("/admin/reconciliation/{saleId}")
	@ProblemResponses("sale-not-found")
	SaleBooks one(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.reconciler.books(saleId).orElseThrow(() -> new SaleNotFound(saleId));
	}

	@PostMapping("/admin/sales/{saleId}/rebuild")
	@ProblemResponses({ "sale-not-found", "sale-archived", "rebuild-unavailable" })
	SaleRecovery.Rebuilt rebuild(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.recovery.rebuild(saleId);
	}

}
