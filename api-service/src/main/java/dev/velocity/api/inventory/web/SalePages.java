package dev.velocity.api.inventory.web;

import java.util.List;
import java.util.Set;

import dev.velocity.api.inventory.SaleState;
import dev.velocity.api.inventory.SaleView;
import dev.velocity.api.inventory.SaleViews;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Pages of sales as answers: the sales as a JSON array and, when there may be more, a
 * {@code Link} to the next page (RFC 8288, {@code rel="next"}), built only from the
 * checked parameters.
 */
final class SalePages {

	/** Sales on a page unless the client asks for fewer or more. */
	static final String DEFAULT_LIMIT = "100";

	/** Most sales on a page. */
	static final int MAX_LIMIT = 500;

	private SalePages() {
	}

	static ResponseEntity<List<SaleView>> answer(String path, Set<SaleState> states, int limit, SaleViews.Page page) {
		ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
		if (page.next() != null) {
			StringBuilder next = new StringBuilder(path).append("?limit=").append(limit);
			states.stream().sorted().forEach((state) -> next.append("&state=").append(state.name()));
			next.append("&after=").append(page.next());
			answer.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
		}
		return answer.body(page.sales());
	}

}
