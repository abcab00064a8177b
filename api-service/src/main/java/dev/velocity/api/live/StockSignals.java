package dev.velocity.api.live;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * Tells every API instance which sales changed, so that each broadcasts to its own
 * subscribers what purchases on any instance did (STOMP's simple broker is per process).
 */
public interface StockSignals {

	/**
	 * Announces changed sales to every instance, this one included.
	 * @param saleIds the sales
	 */
	void announce(Collection<String> saleIds);

	/**
	 * Registers the receiver of announcements (one per instance).
	 * @param listener called with each announced sale id
	 */
	void onAnnouncement(Consumer<String> listener);

}
