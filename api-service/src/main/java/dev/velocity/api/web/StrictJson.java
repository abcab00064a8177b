package dev.velocity.api.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.stereotype.Component;

/**
 * Request bodies are read strictly: a key twice in one object is refused (which of the
 * two a reader believes is where smuggling starts), and no scalar is coerced into another
 * type ({@code "quantity": "2"} or {@code true} is a bad request, not 2 or 1 units;
 * {@code "saleId": 12345} is not the text "12345"). A whole number where a decimal is
 * expected is the same number ({@code "admissionsPerSecond": 50}), not a coercion.
 */
@Component
class StrictJson implements JsonMapperBuilderCustomizer {

	@Override
	public void customize(tools.jackson.databind.json.JsonMapper.Builder builder) {
		builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.withCoercionConfig(LogicalType.Textual,
					(text) -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
			.withCoercionConfig(LogicalType.Float,
					(decimal) -> decimal.setCoercion(CoercionInputShape.Integer, CoercionAction.TryConvert));
	}

}
