package dev.velocity.api.web;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * The OpenAPI document at {@code /v3/api-docs}, generated from the controllers by
 * springdoc: what every operation shares is added here (the problem schema, the list of
 * problem types, the problems any operation may answer); each feature adds the rest
 * ({@link ProblemResponses} on its operations, its own customizers).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI velocityApi() {
		ObjectSchema problem = new ObjectSchema();
		problem.description("An RFC 9457 problem. `type` is stable: clients switch on it (see `x-problem-types`); "
				+ "some types carry more members (`remaining`, `reason`, `queue`, `orderId`, ...).");
		problem.addProperty("type", new StringSchema().format("uri"));
		problem.addProperty("title", new StringSchema());
		problem.addProperty("status", new IntegerSchema());
		problem.addProperty("detail", new StringSchema());
		problem.addProperty("instance", new StringSchema());
		problem.setRequired(List.of("type", "title", "status"));
		problem.additionalProperties(true);
		return new OpenAPI()
			.info(new Info().title("Velocity")
				.version("1")
				.description("The flash-sale engine's API: buy, follow an order, wait in a sale's waiting room, "
						+ "and the admin calls. Every error is a problem (`application/problem+json`).")
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			.components(new Components().addSchemas(ApiDocs.PROBLEM, problem));
	}

	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handler) -> {
			ProblemResponses declared = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
					ProblemResponses.class);
			if (declared == null) {
				declared = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), ProblemResponses.class);
			}
			if (declared != null) {
				ApiDocs.problems(operation, declared.value());
			}
			return operation;
		};
	}

	/**
	 * The one customizer (springdoc applies customizers in no set order): the features'
	 * parts in their order, then nullability, then what every operation shares.
	 */
	@Bean
	OpenApiCustomizer velocityApiDocs(List<ApiDocsPart> parts) {
		NullableProperties nullable = new NullableProperties("dev.velocity.api");
		return (api) -> {
			parts.forEach((part) -> part.describe(api));
			nullable.customise(api);
			api.getPaths().values().forEach((path) -> path.readOperations().forEach(OpenApiConfiguration::common));
			api.getComponents()
				.addExtension("x-problem-types",
						ProblemTypes.all()
							.stream()
							.map((type) -> Map.of("type", type.type().toString(), "status", type.status().value(),
									"title", type.title()))
							.toList());
		};
	}

	private static void common(Operation operation) {
		ApiDocs.problems(operation, "invalid-request", "internal", "unavailable");
		operation.getResponses()
			.addApiResponse("default", ApiDocs.problem(
					"Any other failure: a problem of one of the types " + "in `x-problem-types`, with its status."));
	}

}
