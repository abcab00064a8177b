package dev.velocity.api.inventory.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.velocity.api.inventory.Sale;
import dev.velocity.api.inventory.SaleAdministration;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleDefinition;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.SaleState;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.order.ConfirmedOrders;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.InvalidRequest;
import dev.velocity.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sale administration ({@code /admin/**} requires the admin token). */
@RestController
@RequestMapping("/admin/sales")
class SaleAdminController {

	private static final Logger log = LoggerFactory.getLogger(SaleAdminController.class);

	private final SaleCatalog catalog;

	private final SaleAdministration administration;

	private final ConfirmedOrders confirmedOrders;

	SaleAdminController(SaleCatalog catalog, SaleAdministration administration, ConfirmedOrders confirmedOrders) {
		this.catalog = catalog;
		this.administration = administration;
		this.confirmedOrders = confirmedOrders;
	}

	@PutMapping(path = "/{saleId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ProblemResponses({ "stock-below-sold", "sale-needs-rebuild", "unsupported-media-type" })
	@ApiResponse(responseCode = "201", description = "Created",
			content = @Content(schema = @Schema(implementation = SaleView.class)))
	@ApiResponse(responseCode = "200", description = "Changed",
			content = @Content(schema = @Schema(implementation = SaleView.class)))
	ResponseEntity<SaleView> put(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
			@Valid @RequestBody SaleDefinition definition) {
		checkInRange("startsAt", definition.startsAt());
		checkInRange("endsAt", definition.endsAt());
		if (definition.startsAt() != null && definition.endsAt() != null
				&& !definition.endsAt().isAfter(definition.startsAt())) {
			throw new InvalidRequest("endsAt must be after startsAt");
		}
		SaleCatalog.SavedSale saved = this.administration.save(saleId, definition);
		SaleView view = view(saved.sale(), Instant.now());
		return saved.created() ? ResponseEntity.created(URI.create("/admin/sales/" + saleId)).body(view)
				: ResponseEntity.ok(view);
	}

	/**
	 * Closes a sale now: it ends (one that had not started never opens): purchases are
	 * refused at once on every instance, and pages hear of it on the live channel.
	 */
	@PostMapping("/{saleId}/close")
	@ProblemResponses({ "sale-not-found", "sale-needs-rebuild" })
	SaleView close(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return view(this.administration.end(saleId, Instant.now()), Instant.now());
	}

	/**
	 * Deletes a sale that never sold and is not open; one with sales keeps its books
	 * (409), an open one must be closed first (409).
	 */
	@DeleteMapping("/{saleId}")
	@ProblemResponses({ "sale-not-found", "sale-not-deletable", "sale-needs-rebuild" })
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		this.administration.delete(saleId);
		return ResponseEntity.noContent().build();
	}

	/** Dates a sale may name: Redis keeps them as epoch milliseconds. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static void checkInRange(String field, Instant value) {
		if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
			throw new InvalidRequest("The request has invalid fields",
					List.of(new InvalidRequest.FieldError(field, "must be between " + EARLIEST + " and " + LATEST)));
		}
	}

	@GetMapping("/{saleId}")
	@ProblemResponses("sale-not-found")
	SaleView get(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return view(this.catalog.find(saleId).orElseThrow(() -> new SaleNotFound(saleId)), Instant.now());
	}

	/** Every sale, or those in the given states ({@code ?state=OPEN&state=UPCOMING}). */
	@GetMapping
	List<SaleView> list(@RequestParam(name = "state", required = false) @Nullable Set<SaleState> states) {
		Instant now = Instant.now();
		return this.catalog.findAll()
			.stream()
			.filter((sale) -> states == null || states.isEmpty() || states.contains(sale.state(now)))
			.map((sale) -> view(sale, now))
			.toList();
	}

	private SaleView view(Sale sale, Instant now) {
		Long confirmed;
		try {
			confirmed = this.confirmedOrders.tally(sale.saleId()).orders();
		}
		catch (RuntimeException ex) {
			log.warn("Order store unavailable for sale {}: {}", sale.saleId(), ex.toString());
			confirmed = null;
		}
		return sale.view(now, confirmed);
	}

}
