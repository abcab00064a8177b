package dev.velocity.api.identity;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A token is verified once while it lasts; a failed or expired one never comes from
 * memory.
 */
class VerifiedTokensTests {

	private final AtomicInteger verifications = new AtomicInteger();

	private JwtDecoder verifier(Instant expiresAt) {
		return (token) -> {
			this.verifications.incrementAndGet();
			if (token.startsWith("bad")) {
				throw new BadJwtException("not signed by the provider");
			}
			return Jwt.withTokenValue(token)
				.header("alg", "RS256")
				.subject("alice")
				.issuedAt(expiresAt.minusSeconds(3600))
				.expiresAt(expiresAt)
				.build();
		};
	}

	@Test
	void verifiesAGoodTokenOnceWhileItLasts() {
		VerifiedTokens tokens = new VerifiedTokens(verifier(Instant.now().plusSeconds(600)), 10);

		for (int i = 0; i < 5; i++) {
			assertThat(tokens.decode("good").getSubject()).isEqualTo("alice");
		}

		assertThat(this.verifications).hasValue(1);
	}

	@Test
	void verifiesARefusedTokenEveryTime() {
		VerifiedTokens tokens = new VerifiedTokens(verifier(Instant.now().plusSeconds(600)), 10);

		for (int i = 0; i < 3; i++) {
			assertThatThrownBy(() -> tokens.decode("bad")).isInstanceOf(BadJwtException.class);
		}

		assertThat(this.verifications).hasValue(3);
	}

	@Test
	void neverAnswersAnExpiredTokenFromMemory() {
		VerifiedTokens tokens = new VerifiedTokens(verifier(Instant.now().minusSeconds(1)), 10);

		tokens.decode("expired");
		tokens.decode("expired");

		assertThat(this.verifications).hasValue(2);
	}

}
