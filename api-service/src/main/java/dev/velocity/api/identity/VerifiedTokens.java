package dev.velocity.api.identity;

import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that remembers the tokens it verified until they expire: a shopper
 * retrying through a storm presents the same token many times, and needs its RSA
 * signature checked only once. A token that failed is never remembered, nor answered once
 * expired; the cache is bounded, least used first out.
 */
final class VerifiedTokens implements JwtDecoder {

	private final JwtDecoder verifier;

	private final Cache<String, Jwt> verified;

	VerifiedTokens(JwtDecoder verifier, int maximum) {
		this.verifier = verifier;
		this.verified = Caffeine.newBuilder().maximumSize(maximum).expireAfter(new UntilExpiry()).build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt jwt = this.verified.getIfPresent(token);
		if (jwt != null && jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(Instant.now())) {
			return jwt;
		}
		jwt = this.verifier.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

	/** A token leaves the cache when it expires. */
	private static final class UntilExpiry implements Expiry<String, Jwt> {

		@Override
		public long expireAfterCreate(String key, Jwt jwt, long currentTime) {
			Instant expiresAt = jwt.getExpiresAt();
			return (expiresAt != null) ? Math.max(0, Duration.between(Instant.now(), expiresAt).toNanos()) : 0;
		}

		@Override
		public long expireAfterUpdate(String key, Jwt jwt, long currentTime, long currentDuration) {
			return expireAfterCreate(key, jwt, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Jwt jwt, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
