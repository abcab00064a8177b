package dev.velocity.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Admin access.
 *
 * @param token the bearer token admin endpoints require (from
 * {@code VELOCITY_ADMIN_TOKEN}); when blank every admin call is refused
 */
@ConfigurationProperties("velocity.admin")
public record AdminProperties(String token) {

}
