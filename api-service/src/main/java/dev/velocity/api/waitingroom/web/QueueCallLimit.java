package dev.velocity.api.waitingroom.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * How often one shopper may call the queue on this instance: a token bucket per shopper,
 * checked before Redis is asked, so a client that polls in a loop costs a map look-up,
 * not a script. The buckets are bounded in number (the least recently used goes first: a
 * shopper it forgot starts with a full bucket) and forgotten once they would be full.
 */
final class QueueCallLimit {

	private final double perSecond;

	private final double burst;

	private final Ticker ticker;

	private final Cache<String, Bucket> buckets;

	QueueCallLimit(double perSecond, int burst, long maxShoppers, Ticker ticker) {
		this.perSecond = perSecond;
		this.burst = burst;
		this.ticker = ticker;
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxShoppers)
			.expireAfterAccess(Duration.ofNanos((long) Math.ceil(burst / perSecond * 1e9)))
			.ticker(ticker)
			// Evictions on the calling thread: the bound holds at once.
			.executor(Runnable::run)
			.build();
	}

	/**
	 * Takes one call from the shopper's bucket.
	 * @return 0 when the call may go ahead, otherwise the seconds until it may
	 */
	long take(String shopper) {
		Bucket bucket = this.buckets.get(shopper, (key) -> new Bucket(this.burst, this.ticker.read()));
		synchronized (bucket) {
			long now = this.ticker.read();
			bucket.tokens = Math.min(this.burst,
					bucket.tokens + (now - bucket.at) / (double) TimeUnit.SECONDS.toNanos(1) * this.perSecond);
			bucket.at = now;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return 0;
			}
			return (long) Math.ceil((1 - bucket.tokens) / this.perSecond);
		}
	}

	/** Shoppers whose calls are counted now. */
	long tracked() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private static final class Bucket {

		private double tokens;

		private long at;

		Bucket(double tokens, long at) {
			this.tokens = tokens;
			this.at = at;
		}

	}

}
