package dev.velocity.api.purchase;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The warm-up an instance runs before it reports ready: autoscaling adds instances while
 * a storm is on, and a load balancer sends one its share as soon as readiness passes,
 * while a fresh JVM still runs the request path interpreted.
 *
 * @param duration how long the hot paths run before readiness (0: only the one call that
 * loads their classes)
 * @param concurrency calls in flight meanwhile
 */
@Validated
@ConfigurationProperties("velocity.warm-up")
public record WarmUpProperties(@NotNull Duration duration, @Min(1) @Max(256) int concurrency) {

}
