package dev.velocity.api.purchase.web;

import java.util.Map;

import dev.velocity.api.waitingroom.AdmissionTokens;
import dev.velocity.api.web.ApiDocs;
import dev.velocity.api.web.ApiDocsPart;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * {@code POST /buy} in the OpenAPI document: it is a servlet of its own
 * ({@link PurchaseServlet}), which springdoc does not see, so it is described here.
 */
@Configuration(proxyBeanMethods = false)
class PurchaseApiDocs {

	@Bean
	@Order(0)
	ApiDocsPart buy() {
		return (api) -> {
			if (api.getComponents() == null) {
				api.setComponents(new Components());
			}
			Schema<?> request = schema(api.getComponents(), PurchaseRequest.class);
			Schema<?> accepted = schema(api.getComponents(), PurchaseAccepted.class);
			Operation buy = new Operation().operationId("buy")
				.tags(java.util.List.of("purchase"))
				.summary("Buy units of a sale as the signed-in shopper")
				.description("One atomic step in Redis checks the sale, the shopper's limit and the stock, takes "
						+ "the units and records the order; 200 once the order queue has it. A retry with the same "
						+ "`Idempotency-Key` (per shopper) gets the same order. On a sale with a waiting room the "
						+ "shopper's admission goes in `" + AdmissionTokens.HEADER + "`. A purchase of a sale known "
						+ "to be sold out gets its 409 before the bearer token is checked: that answer is the same "
						+ "for everyone.")
				.addParametersItem(new HeaderParameter().name(PurchaseServlet.IDEMPOTENCY_KEY)
					.description("The same order for every retry with this key (the shopper's own; at most 255 "
							+ "visible ASCII characters)")
					.schema(new StringSchema().maxLength(255)))
				.addParametersItem(new HeaderParameter().name(AdmissionTokens.HEADER)
					.description("The admission token of the sale's waiting room (`POST /sales/{saleId}/queue`)")
					.schema(new StringSchema()))
				.requestBody(new RequestBody().required(true)
					.content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
							new MediaType().schema(request))))
				.responses(new ApiResponses().addApiResponse("200",
						new ApiResponse().description("Accepted: the order exists and will reach the store")
							.content(new Content().addMediaType(
									org.springframework.http.MediaType.APPLICATION_JSON_VALUE,
									new MediaType().schema(accepted)))));
			ApiDocs.problems(buy, "sold-out", "limit-reached", "sale-not-open", "sale-not-found",
					"idempotency-key-reused", "shopper-mismatch", "admission-required", "admission-invalid",
					"rate-limited", "request-timeout", "unsupported-media-type", "method-not-allowed");
			ApiResponse limited = buy.getResponses().get("429");
			limited.headers(Map.of("Retry-After",
					new Header().description("Seconds to wait before trying again").schema(new IntegerSchema())));
			api.path(PurchaseServlet.PATH, new PathItem().post(buy));
		};
	}

	private static Schema<?> schema(Components components, Class<?> type) {
		var resolved = ModelConverters.getInstance(true).resolveAsResolvedSchema(new AnnotatedType(type));
		resolved.referencedSchemas.forEach(components::addSchemas);
		components.addSchemas(type.getSimpleName(), resolved.schema);
		return new Schema<>().$ref("#/components/schemas/" + type.getSimpleName());
	}

}
