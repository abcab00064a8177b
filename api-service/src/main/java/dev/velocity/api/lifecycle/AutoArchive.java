package dev.velocity.api.lifecycle;

import java.time.Instant;

import dev.velocity.api.inventory.SaleRecord;
import dev.velocity.api.inventory.SaleRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Archives ended sales by themselves, {@code archive-after} past their end, once their
 * books balance, and finishes archives an instance left half done. A pass reads the live
 * sales' records (one query and a batch read): its work grows with live sales, not with
 * every sale ever run.
 */
@Component
class AutoArchive {

	private static final Logger log = LoggerFactory.getLogger(AutoArchive.class);

	private final SaleRecords records;

	private final SaleArchiving archiving;

	private final LifecycleProperties properties;

	AutoArchive(SaleRecords records, SaleArchiving archiving, LifecycleProperties properties) {
		this.records = records;
		this.archiving = archiving;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${velocity.lifecycle.interval}",
			initialDelayString = "${velocity.lifecycle.interval}")
	void pass() {
		if (!this.properties.autoArchive()) {
			return;
		}
		Instant now = Instant.now();
		try {
			for (SaleRecord record : this.records.live()) {
				if (due(record, now)) {
					archive(record.saleId(), now);
				}
			}
		}
		catch (RuntimeException ex) {
			log.debug("Archiving skipped a pass: {}", ex.toString());
		}
	}

	private boolean due(SaleRecord record, Instant now) {
		if (record.stage() == SaleRecord.Stage.ARCHIVING) {
			// Left half done.
			return true;
		}
		Instant endsAt = record.definition().endsAt();
		return endsAt != null && !endsAt.plus(this.properties.archiveAfter()).isAfter(now);
	}

	private void archive(String saleId, Instant now) {
		try (MDC.MDCCloseable ignored = MDC.putCloseable("saleId", saleId)) {
			this.archiving.archive(saleId, now);
		}
		catch (SaleNotArchivable ex) {
			// Tried again next pass.
			log.debug(ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Sale {} could not be archived this pass: {}", saleId, ex.toString());
		}
	}

}
