package dev.velocity.api.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * What the features share to describe themselves in the OpenAPI document: every error
 * answer is an RFC 9457 problem ({@value #PROBLEM}), documented under its status with the
 * types the operation can answer.
 */
public final class ApiDocs {

	/** The problem schema's name under {@code components.schemas}. */
	public static final String PROBLEM = "Problem";

	/** The media type of every problem. */
	public static final String PROBLEM_JSON = "application/problem+json";

	private ApiDocs() {
	}

	/**
	 * Documents problems an operation answers, under their statuses (merged with those
	 * already there).
	 * @param operation the operation
	 * @param slugs the problem types' slugs
	 * @throws IllegalArgumentException for a slug no feature declares
	 */
	public static void problems(Operation operation, String... slugs) {
		Map<Integer, List<ProblemType>> byStatus = Arrays.stream(slugs)
			.map(ProblemTypes::named)
			.collect(Collectors.groupingBy((type) -> type.status().value(), TreeMap::new, Collectors.toList()));
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		byStatus.forEach((status, types) -> {
			String code = String.valueOf(status);
			Map<String, ProblemType> all = new LinkedHashMap<>();
			ApiResponse existing = responses.get(code);
			if (existing != null && existing.getExtensions() != null
					&& existing.getExtensions().get("x-problem-types") instanceof List<?> listed) {
				listed.forEach((slug) -> all.put(String.valueOf(slug), ProblemTypes.named(String.valueOf(slug))));
			}
			types.forEach((type) -> all.put(slug(type), type));
			responses.addApiResponse(code, problemResponse(all));
		});
		operation.setResponses(responses);
	}

	/** The slug of a problem type: the last part of its URI. */
	public static String slug(ProblemType type) {
		return type.type().toString().substring(ProblemType.BASE.length());
	}

	/** A response whose body is a problem. */
	public static ApiResponse problem(String description) {
		return new ApiResponse().description(description)
			.content(new Content().addMediaType(PROBLEM_JSON,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
	}

	private static ApiResponse problemResponse(Map<String, ProblemType> types) {
		String description = types.entrySet()
			.stream()
			.map((entry) -> "`" + entry.getKey() + "` (" + entry.getValue().title() + ")")
			.collect(Collectors.joining(", "));
		ApiResponse response = problem(description);
		response.addExtension("x-problem-types", List.copyOf(types.keySet()));
		return response;
	}

}
