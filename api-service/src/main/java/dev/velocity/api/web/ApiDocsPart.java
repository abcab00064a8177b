package dev.velocity.api.web;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * A feature's own part of the OpenAPI document (what springdoc cannot see, such as a
 * servlet, or the security rules). Parts run in their {@code @Order}, before what every
 * operation shares is added.
 */
@FunctionalInterface
public interface ApiDocsPart {

	void describe(OpenAPI api);

}
