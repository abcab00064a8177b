package dev.velocity.api.purchase;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs the purchase path once at startup, on a platform thread, against a sale that
 * cannot exist: the classes it needs are loaded before the first storm. Class loading
 * pins virtual threads to their carriers (one per core), so a burst of first requests
 * loading the same classes on virtual threads can starve the carriers.
 */
@Component
class WarmUp implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

	/** Sale ids start with a letter or a digit, so no sale has this one. */
	static final String NO_SALE = "_warm-up";

	private final Inventory inventory;

	WarmUp(Inventory inventory) {
		this.inventory = inventory;
	}

	@Override
	public void run(ApplicationArguments args) {
		try {
			this.inventory.reserve(new PurchaseCommand(NO_SALE, "warm-up", 1, null, "127.0.0.1", false),
					NO_SALE + ".warm-up");
		}
		catch (RuntimeException ex) {
			// Redis may be away at startup: the API starts anyway and answers 503 until
			// it is back.
			log.info("Purchase path warm-up skipped: {}", ex.toString());
		}
	}

}
