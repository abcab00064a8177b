package dev.velocity.api.waitingroom;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Admission tokens: short-lived JWTs (HS256) that bind a shopper to a sale until the
 * admission ends. {@code POST /buy} checks one without asking Redis; Redis keeps the
 * count of admissions in use.
 */
@Component
public class AdmissionTokens {

	/** The header a purchase carries its admission in. */
	public static final String HEADER = "Velocity-Admission";

	private static final Logger log = LoggerFactory.getLogger(AdmissionTokens.class);

	private static final String SALE_CLAIM = "sale";

	private static final String AUDIENCE = "velocity-admission";

	private final MACSigner signer;

	private final MACVerifier verifier;

	AdmissionTokens(WaitingRoomProperties properties) throws JOSEException {
		byte[] secret;
		if (properties.tokenSecret() == null || properties.tokenSecret().isBlank()) {
			log.warn("velocity.waiting-room.token-secret is not set: admission tokens are signed with a key of "
					+ "this instance's own, which other instances refuse");
			secret = new byte[32];
			new SecureRandom().nextBytes(secret);
		}
		else {
			secret = properties.tokenSecret().getBytes(StandardCharsets.UTF_8);
		}
		this.signer = new MACSigner(secret);
		this.verifier = new MACVerifier(secret);
	}

	/**
	 * A token that admits a shopper to a sale.
	 * @param saleId the sale
	 * @param shopper the shopper
	 * @param until when the admission ends
	 * @return the token
	 */
	public String issue(String saleId, String shopper, Instant until) {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(shopper)
			.audience(AUDIENCE)
			.claim(SALE_CLAIM, saleId)
			.expirationTime(Date.from(until))
			.build();
		SignedJWT token = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			token.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign an admission", ex);
		}
		return token.serialize();
	}

	/**
	 * What a purchase's admission token is worth.
	 * @param token the header's value, or {@code null} when none came
	 * @param saleId the sale bought from
	 * @param shopper the signed-in shopper
	 * @return the verdict
	 */
	public Verdict check(@Nullable String token, String saleId, String shopper) {
		if (token == null) {
			return Verdict.ABSENT;
		}
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(this.verifier)) {
				return Verdict.NOT_SIGNED_HERE;
			}
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			if (!claims.getAudience().contains(AUDIENCE) || claims.getExpirationTime() == null) {
				return Verdict.NOT_SIGNED_HERE;
			}
			if (!saleId.equals(claims.getStringClaim(SALE_CLAIM))) {
				return Verdict.OTHER_SALE;
			}
			if (!shopper.equals(claims.getSubject())) {
				return Verdict.OTHER_SHOPPER;
			}
			return claims.getExpirationTime().toInstant().isAfter(Instant.now()) ? Verdict.VALID : Verdict.EXPIRED;
		}
		catch (ParseException | JOSEException | RuntimeException ex) {
			return Verdict.NOT_SIGNED_HERE;
		}
	}

	/** What an admission token is worth for one purchase. */
	public enum Verdict {

		/** It admits this shopper to this sale now. */
		VALID,
		/** None came. */
		ABSENT,
		/** Malformed, or not signed with this API's key. */
		NOT_SIGNED_HERE,
		/** It admits to another sale. */
		OTHER_SALE,
		/** It admits another shopper. */
		OTHER_SHOPPER,
		/** It has ended. */
		EXPIRED

	}

}
