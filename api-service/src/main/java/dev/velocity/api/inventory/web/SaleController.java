package dev.velocity.api.inventory.web;

import java.time.Instant;
import java.util.List;

import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.SaleState;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import jakarta.validation.constraints.Pattern;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Sales as shoppers see them: {@code GET /sales} and {@code GET /sales/{saleId}}. */
@RestController
class SaleController {

	private final SaleCatalog catalog;

	SaleController(SaleCatalog catalog) {
		this.catalog = catalog;
	}

	/**
	 * The sales a shopper can still meet: upcoming, open and sold out; not ended ones.
	 */
	@GetMapping("/sales")
	List<SaleView> list() {
		Instant now = Instant.now();
		return this.catalog.findAll()
			.stream()
			.map((sale) -> sale.view(now, null))
			.filter((view) -> view.state() != SaleState.ENDED)
			.toList();
	}

	@GetMapping("/sales/{saleId}")
	@ProblemResponses("sale-not-found")
	SaleView get(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.catalog.find(saleId).orElseThrow(() -> new SaleNotFound(saleId)).view(Instant.now(), null);
	}

}
