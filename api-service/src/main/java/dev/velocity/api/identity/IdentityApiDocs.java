package dev.velocity.api.identity;

import dev.velocity.api.web.ApiDocs;
import dev.velocity.api.web.ApiDocsPart;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;

/**
 * The document's security: one bearer scheme (the identity provider's JWTs), required
 * where {@link SignedInRoutes} says, with the admin scope on {@code /admin/**}.
 */
@Configuration(proxyBeanMethods = false)
class IdentityApiDocs {

	static final String BEARER = "bearer";

	@Bean
	@Order(10)
	ApiDocsPart security(IdentityProperties identity) {
		return (api) -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			api.getComponents()
				.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An access token of the shop's identity provider (RS256, audience `velocity-api`; "
							+ "`GET /identity` names its token endpoint). Admin calls need the authority `"
							+ identity.adminAuthority() + "`."));
			api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
				if (SignedInRoutes.admin(path)) {
					secure(operation, true);
				}
				else if (SignedInRoutes.shopper(HttpMethod.valueOf(method.name()), path)) {
					secure(operation, false);
				}
			}));
		};
	}

	private static void secure(Operation operation, boolean admin) {
		operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
		if (admin) {
			ApiDocs.problems(operation, "unauthorized", "forbidden");
		}
		else {
			ApiDocs.problems(operation, "unauthorized");
		}
	}

}
