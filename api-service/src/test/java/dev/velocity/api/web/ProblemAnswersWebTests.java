package dev.velocity.api.web;

import dev.velocity.api.inventory.SaleNeedsRebuild;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.inventory.StockBelowSold;
import dev.velocity.api.order.HandOffUnavailable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The problem answers of the MVC layer alone (a slice: no servers, no security): each
 * feature's failures and the framework's own refusals, through the controller advice the
 * application declares, as RFC 9457 problem JSON with their stable types. A probe
 * controller (imported: a test's own classes are never scanned) fails as the features do.
 */
@WebMvcTest(controllers = ProblemAnswersWebTests.Probe.class)
@Import(ProblemAnswersWebTests.Probe.class)
@AutoConfigureMockMvc(addFilters = false)
class ProblemAnswersWebTests {

	@Autowired
	MockMvc mvc;

	@Test
	void answersAMissingSaleWithSaleNotFound() throws Exception {
		expectProblem(this.mvc.perform(get("/probe/sale-not-found")), 404, "sale-not-found");
	}

	@Test
	void answersStockBelowWhatSoldWithTheUnitsSold() throws Exception {
		expectProblem(this.mvc.perform(get("/probe/stock-below-sold")), 409, "stock-below-sold")
			.andExpect(jsonPath("$.sold").value(7));
	}

	@Test
	void answersASaleRedisLostWithSaleNeedsRebuild() throws Exception {
		expectProblem(this.mvc.perform(get("/probe/sale-needs-rebuild")), 409, "sale-needs-rebuild");
	}

	@Test
	void answersAHandOffThatIsDownWithUnavailableAndRetryAfter() throws Exception {
		expectProblem(this.mvc.perform(get("/probe/hand-off-unavailable")), 503, "unavailable")
			.andExpect(header().exists("Retry-After"));
	}

	@Test
	void answersInvalidFieldsWithEachFieldNamed() throws Exception {
		expectProblem(this.mvc.perform(
				post("/probe/body").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"count\":5}")),
				400, "invalid-request")
			.andExpect(jsonPath("$.errors[*].field").isNotEmpty());
	}

	@Test
	void answersMalformedJsonWithInvalidRequest() throws Exception {
		expectProblem(
				this.mvc.perform(post("/probe/body").contentType(MediaType.APPLICATION_JSON).content("{\"name\": ")),
				400, "invalid-request");
	}

	@Test
	void answersAnotherMediaTypeWithUnsupportedMediaType() throws Exception {
		expectProblem(this.mvc.perform(post("/probe/body").contentType(MediaType.TEXT_PLAIN).content("name=x")), 415,
				"unsupported-media-type");
	}

	@Test
	void answersAnotherMethodWithMethodNotAllowed() throws Exception {
		expectProblem(this.mvc.perform(put("/probe/body")), 405, "method-not-allowed");
	}

	@Test
	void answersAnUnexpectedFailureWithInternalAndNoDetailOfIt() throws Exception {
		expectProblem(this.mvc.perform(get("/probe/boom")), 500, "internal")
			.andExpect(jsonPath("$.detail").value("An unexpected error occurred"));
	}

	private static ResultActions expectProblem(ResultActions answer, int status, String type) throws Exception {
		return answer.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value(ProblemType.BASE + type))
			.andExpect(jsonPath("$.status").value(status));
	}

	/** Fails as the features do. */
	@RestController
	static class Probe {

		@GetMapping("/probe/sale-not-found")
		void saleNotFound() {
			throw new SaleNotFound("probe");
		}

		@GetMapping("/probe/stock-below-sold")
		void stockBelowSold() {
			throw new StockBelowSold("probe", 5, 7);
		}

		@GetMapping("/probe/sale-needs-rebuild")
		void saleNeedsRebuild() {
			throw new SaleNeedsRebuild("probe");
		}

		@GetMapping("/probe/hand-off-unavailable")
		void handOffUnavailable() {
			throw new HandOffUnavailable(5);
		}

		@GetMapping("/probe/boom")
		void boom() {
			throw new IllegalStateException("a secret the client must not see");
		}

		@PostMapping(path = "/probe/body", consumes = MediaType.APPLICATION_JSON_VALUE)
		void body(@Valid @RequestBody ProbeBody body) {
		}

	}

	record ProbeBody(@NotBlank String name, @Max(3) int count) {
	}

}
