package dev.velocity.api.web;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HTTP edge of the API.
 *
 * @param maxBodySize largest request body accepted; larger ones get 400
 * {@code invalid-request} before they are read
 */
@Validated
@ConfigurationProperties("velocity.http")
public record WebProperties(@NotNull DataSize maxBodySize) {

}
