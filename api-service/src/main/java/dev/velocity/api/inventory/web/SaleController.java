package dev.velocity.api.inventory.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.SaleState;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.inventory.SaleViews;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sales as shoppers see them: {@code GET /sales} and {@code GET /sales/{saleId}}. */
@RestController
class SaleController {

	/** What a shopper can still meet. */
	private static final Set<SaleState> SHOWN = EnumSet.of(SaleState.UPCOMING, SaleState.OPEN, SaleState.SOLD_OUT);

	private final SaleViews views;

	SaleController(SaleViews views) {
		this.views = views;
	}

	/**
	 * The sales a shopper can still meet: upcoming, open and sold out; not drafts, ended
	 * or archived ones. Paged by sale id ({@code Link: <...>; rel="next"}).
	 */
	@GetMapping("/sales")
	@ApiResponse(responseCode = "200", description = "One page of sales",
			headers = @Header(name = "Link", description = "The next page, when there may be one",
					schema = @Schema(type = "string")),
			content = @Content(array = @ArraySchema(schema = @Schema(implementation = SaleView.class))))
	ResponseEntity<List<SaleView>> list(
			@RequestParam(defaultValue = SalePages.DEFAULT_LIMIT) @Min(1) @Max(SalePages.MAX_LIMIT) int limit,
			@RequestParam(required = false) @Nullable @Pattern(regexp = Ids.SALE_ID_PATTERN) String after) {
		SaleViews.Page page = this.views.page(SHOWN, after, limit, Instant.now(), false);
		return SalePages.answer("/sales", Set.of(), limit, page);
	}

	/** A sale, unless it is a draft. */
	@GetMapping("/sales/{saleId}")
	@ProblemResponses("sale-not-found")
	SaleView get(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.views.find(saleId, Instant.now(), false, false).orElseThrow(() -> new SaleNotFound(saleId));
	}

}
