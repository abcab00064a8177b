package dev.velocity.api.inventory.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.velocity.api.inventory.SaleAdministration;
import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleDefinition;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.SaleState;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.inventory.SaleViews;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.InvalidRequest;
import dev.velocity.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

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

	private final SaleAdministration administration;

	private final SaleViews views;

	SaleAdminController(SaleAdministration administration, SaleViews views) {
		this.administration = administration;
		this.views = views;
	}

	/**
	 * Creates or replaces a sale; with {@code ?draft=true}, a draft (kept, never selling,
	 * until it is saved without it).
	 */
	@PutMapping(path = "/{saleId}", consumes = MediaType.APPLICATION_JSON_VALUE)
	@ProblemResponses({ "stock-below-sold", "sale-needs-rebuild", "sale-archived", "sale-not-deletable",
			"unsupported-media-type" })
	@ApiResponse(responseCode = "201", description = "Created",
			content = @Content(schema = @Schema(implementation = SaleView.class)))
	@ApiResponse(responseCode = "200", description = "Changed",
			content = @Content(schema = @Schema(implementation = SaleView.class)))
	ResponseEntity<SaleView> put(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
			@Valid @RequestBody SaleDefinition definition, @RequestParam(defaultValue = "false") boolean draft) {
		checkInRange("startsAt", definition.startsAt());
		checkInRange("endsAt", definition.endsAt());
		if (definition.startsAt() != null && definition.endsAt() != null
				&& !definition.endsAt().isAfter(definition.startsAt())) {
			throw new InvalidRequest("endsAt must be after startsAt");
		}
		boolean created;
		SaleView view;
		Instant now = Instant.now();
		if (draft) {
			created = this.administration.saveDraft(saleId, definition);
			view = find(saleId, now);
		}
		else {
			SaleCatalog.SavedSale saved = this.administration.save(saleId, definition);
			created = saved.created();
			view = this.views.view(saved.sale(), now, true);
		}
		return created ? ResponseEntity.created(URI.create("/admin/sales/" + saleId)).body(view)
				: ResponseEntity.ok(view);
	}

	/**
	 * Closes a sale now: it ends (one that had not started never opens): purchases are
	 * refused at once on every instance, and pages hear of it on the live channel.
	 */
	@PostMapping("/{saleId}/close")
	@ProblemResponses({ "sale-not-found", "sale-needs-rebuild" })
	SaleView close(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		this.administration.end(saleId, Instant.now());
		return find(saleId, Instant.now());
	}

	/**
	 * Deletes a draft, or a sale that never sold and is not open; one with sales keeps
	 * its books (409), an open one must be closed first (409).
	 */
	@DeleteMapping("/{saleId}")
	@ProblemResponses({ "sale-not-found", "sale-not-deletable", "sale-archived", "sale-needs-rebuild" })
	@ApiResponse(responseCode = "204", description = "Deleted")
	ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		this.administration.delete(saleId);
		return ResponseEntity.noContent().build();
	}

	/** Dates a sale may name: Redis keeps them as epoch milliseconds. */
	private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

	private static void checkInRange(String field, @Nullable Instant value) {
		if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
			throw new InvalidRequest("The request has invalid fields",
					List.of(new InvalidRequest.FieldError(field, "must be between " + EARLIEST + " and " + LATEST)));
		}
	}

	@GetMapping("/{saleId}")
	@ProblemResponses("sale-not-found")
	SaleView get(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return find(saleId, Instant.now());
	}

	/**
	 * One page of sales, every state or those asked for
	 * ({@code ?state=OPEN&state=UPCOMING}), in order of sale id
	 * ({@code Link: <...>; rel="next"}).
	 */
	@GetMapping
	@ApiResponse(responseCode = "200", description = "One page of sales",
			headers = @Header(name = "Link", description = "The next page, when there may be one",
					schema = @Schema(type = "string")),
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = SaleView.class))))
	ResponseEntity<List<SaleView>> list(@RequestParam(name = "state", required = false) @Nullable Set<SaleState> states,
			@RequestParam(defaultValue = SalePages.DEFAULT_LIMIT) @Min(1) @Max(SalePages.MAX_LIMIT) int limit,
			@RequestParam(required = false) @Nullable @Pattern(regexp = Ids.SALE_ID_PATTERN) String after) {
		Set<SaleState> asked = (states != null) ? states : Set.of();
		return SalePages.answer("/admin/sales", asked, limit,
				this.views.page(asked, after, limit, Instant.now(), true));
	}

	private SaleView find(String saleId, Instant now) {
		return this.views.find(saleId, now, true, true).orElseThrow(() -> new SaleNotFound(saleId));
	}

}
