package dev.velocity.api.identity;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Who may do what. The tokens themselves are Spring Boot's resource server settings
 * ({@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri}, {@code issuer-uri},
 * {@code audiences}): every token's signature, {@code exp}, {@code iss} and {@code aud}
 * are checked, and its subject is the shopper.
 *
 * @param adminAuthority the authority admin calls need (by default the
 * {@code velocity.admin} scope; with Cognito groups, for example, set
 * {@code spring.security.oauth2.resourceserver.jwt.authorities-claim-name} and name the
 * group's authority here)
 * @param tokenEndpoint where the shop page gets its tokens (told to the page by
 * {@code GET /identity}); blank when the page does not sign in by itself
 * @param maxVerifiedTokens verified tokens remembered until they expire, so that a
 * shopper's retries do not verify a signature each
 */
@Validated
@ConfigurationProperties("velocity.identity")
public record IdentityProperties(@NotBlank String adminAuthority, @Nullable String tokenEndpoint,
		@Min(0) int maxVerifiedTokens) {

}
