package dev.velocity.api.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.velocity.api.order.ConfirmedOrders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Sales as the API shows them, whatever their stage: live ones from Redis, drafts and
 * archived ones from their durable records. Listings are pages in order of sale id; a
 * page costs one pipelined Redis read of the live sales and, when drafts or archived
 * sales are asked for, a query and a batch read of one page of each, never a call per
 * sale.
 */
@Service
public class SaleViews {

	private static final Logger log = LoggerFactory.getLogger(SaleViews.class);

	private final SaleCatalog catalog;

	private final SaleRecords records;

	private final ConfirmedOrders confirmed;

	SaleViews(SaleCatalog catalog, SaleRecords records, ConfirmedOrders confirmed) {
		this.catalog = catalog;
		this.records = records;
		this.confirmed = confirmed;
	}

	/**
	 * One sale.
	 * @param saleId the sale
	 * @param now the time
	 * @param drafts whether a draft is shown (to admins) or is no sale (to shoppers)
	 * @param counted whether a live sale's persisted orders are counted (a read of the
	 * order store)
	 * @return the sale, or empty
	 */
	public Optional<SaleView> find(String saleId, Instant now, boolean drafts, boolean counted) {
		Optional<Sale> live = this.catalog.find(saleId);
		if (live.isPresent()) {
			return Optional.of(view(live.get(), now, counted));
		}
		return this.records.record(saleId)
			.filter((record) -> record.stage() == SaleRecord.Stage.ARCHIVED
					|| (drafts && record.stage() == SaleRecord.Stage.DRAFT))
			.map(SaleRecord::view);
	}

	/**
	 * One page of sales in the given states, in order of sale id.
	 * @param states the states asked for, empty for all
	 * @param after the last sale id of the page before, {@code null} for the first page
	 * @param limit most sales on the page
	 * @param now the time
	 * @param counted whether live sales' persisted orders are counted
	 * @return the page
	 */
	public Page page(Set<SaleState> states, @Nullable String after, int limit, Instant now, boolean counted) {
		TreeMap<String, SaleView> merged = new TreeMap<>();
		for (SaleRecord.Stage stage : List.of(SaleRecord.Stage.DRAFT, SaleRecord.Stage.ARCHIVED)) {
			SaleState state = (stage == SaleRecord.Stage.DRAFT) ? SaleState.DRAFT : SaleState.ARCHIVED;
			if (states.isEmpty() || states.contains(state)) {
				this.records.page(stage, after, limit).forEach((record) -> merged.put(record.saleId(), record.view()));
			}
		}
		List<Sale> live = this.catalog.findAll()
			.stream()
			.filter((sale) -> after == null || sale.saleId().compareTo(after) > 0)
			.filter((sale) -> states.isEmpty() || states.contains(sale.state(now)))
			.limit(limit)
			.toList();
		// Redis has the sale as it is now.
		live.forEach((sale) -> merged.put(sale.saleId(), sale.view(now, null)));
		List<SaleView> page = new ArrayList<>();
		for (SaleView view : merged.values()) {
			if (page.size() == limit) {
				break;
			}
			boolean isLive = view.state() != SaleState.DRAFT && view.state() != SaleState.ARCHIVED;
			page.add((isLive && counted) ? withConfirmed(view) : view);
		}
		String next = (page.size() == limit) ? page.get(page.size() - 1).saleId() : null;
		return new Page(page, next);
	}

	/**
	 * A live sale's view, with its persisted orders counted when asked.
	 * @param sale the sale
	 * @param now the time
	 * @param counted whether to count
	 * @return the view
	 */
	public SaleView view(Sale sale, Instant now, boolean counted) {
		SaleView view = sale.view(now, null);
		return counted ? withConfirmed(view) : view;
	}

	private SaleView withConfirmed(SaleView view) {
		Long count;
		try {
			count = this.confirmed.tally(view.saleId()).orders();
		}
		catch (RuntimeException ex) {
			log.warn("Order store unavailable for sale {}: {}", view.saleId(), ex.toString());
			count = null;
		}
		return view.withConfirmed(count);
	}

	/**
	 * A page of sales.
	 *
	 * @param sales the sales, in order of sale id
	 * @param next the sale id to ask for the next page after, {@code null} on the last
	 */
	public record Page(List<SaleView> sales, @Nullable String next) {

	}

}
