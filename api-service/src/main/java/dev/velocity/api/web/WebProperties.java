package dev.velocity.api.web;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP edge of the API.
 *
 * @param maxBodySize largest request body accepted; larger ones get 400
 * {@code invalid-request} before they are read
 * @param bodyDeadline how long a request body may take to arrive in all (408
 * {@code request-timeout} after it)
 * @param answerDeadline how long a purchase may take to be decided: a backstop (503
 * {@code unavailable} with the order id it would have, as for a late Redis), since
 * Redis's and the queue's own waits end far sooner; checked about once a second. Both
 * deadlines must be positive: Tomcat reads an async timeout of zero as none
 * @param trustedProxies the proxies (addresses or CIDR blocks, e.g. the load balancer's
 * subnets) whose {@code X-Forwarded-For} entries are believed; the client address is the
 * first hop, counted from the right, that is not one of them. Empty: the peer's address
 * is the client's
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of {@code GET} and
 * {@code HEAD} answers (the page); the JSON answers to other methods get
 * {@code default-src 'none'; frame-ancestors 'none'}
 */
@Validated
@ConfigurationProperties("velocity.http")
public record WebProperties(@NotNull DataSize maxBodySize, @NotNull @DurationMin(millis = 1) Duration bodyDeadline,
		@NotNull @DurationMin(millis = 1) Duration answerDeadline, @NotNull List<String> trustedProxies,
		@NotBlank String contentSecurityPolicy) {

}
