package dev.velocity.api.lifecycle.web;

import java.time.Instant;

import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.lifecycle.SaleArchiving;
import dev.velocity.api.lifecycle.SaleNotArchivable;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import jakarta.validation.constraints.Pattern;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/sales/{saleId}/archive} ({@code /admin/**} requires the admin
 * token).
 */
@RestController
@Order(0)
class ArchiveController {

	private final SaleArchiving archiving;

	ArchiveController(SaleArchiving archiving) {
		this.archiving = archiving;
	}

	/**
	 * Archives an ended sale whose books balance, now: Redis lets go of it, and the order
	 * store answers for it. Archiving an archived sale answers it as it is.
	 */
	@PostMapping("/admin/sales/{saleId}/archive")
	@ProblemResponses({ "sale-not-found", "sale-not-archivable" })
	SaleView archive(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.archiving.archive(saleId, Instant.now());
	}

	@ExceptionHandler(SaleNotArchivable.class)
	ProblemDetail notArchivable(SaleNotArchivable ex) {
		ProblemDetail problem = LifecycleProblemTypes.SALE_NOT_ARCHIVABLE.problem(ex.getMessage());
		problem.setProperty("reason", ex.reason().name());
		return problem;
	}

}
