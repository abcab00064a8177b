package dev.velocity.api.web;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * Every package is {@code @NullMarked}: a record component may be null only where it says
 * {@link Nullable}. springdoc does not read JSpecify, so this marks those properties of
 * the document's schemas as nullable (OpenAPI 3.1: {@code null} among their types), and
 * only those: a null anywhere else is a drift the contract test catches.
 */
class NullableProperties implements OpenApiCustomizer {

	private final Map<String, Class<?>> records = new HashMap<>();

	NullableProperties(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(
				(reader, factory) -> "java.lang.Record".equals(reader.getClassMetadata().getSuperClassName()));
		Set<String> ambiguous = new HashSet<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), getClass().getClassLoader());
			if (this.records.putIfAbsent(type.getSimpleName(), type) != null) {
				ambiguous.add(type.getSimpleName());
			}
		}
		// Two records of one name: springdoc would not tell them apart either.
		ambiguous.forEach(this.records::remove);
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public void customise(OpenAPI api) {
		if (api.getComponents() == null || api.getComponents().getSchemas() == null) {
			return;
		}
		api.getComponents().getSchemas().forEach((name, schema) -> {
			Class<?> type = this.records.get(name);
			if (type == null || schema.getProperties() == null) {
				return;
			}
			for (RecordComponent component : type.getRecordComponents()) {
				Schema property = (Schema) schema.getProperties().get(component.getName());
				if (property != null && component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
					schema.getProperties().put(component.getName(), nullable(property));
				}
			}
		});
	}

	@SuppressWarnings({ "rawtypes", "unchecked" })
	private static Schema nullable(Schema property) {
		if (property.get$ref() != null) {
			Schema none = new Schema();
			none.addType("null");
			return new Schema().anyOf(List.of(property, none));
		}
		Set<String> types = new java.util.LinkedHashSet<>();
		if (property.getTypes() != null) {
			types.addAll(property.getTypes());
		}
		else if (property.getType() != null) {
			types.add(property.getType());
		}
		if (!types.isEmpty()) {
			types.add("null");
			property.setTypes(types);
			property.setType(null);
		}
		return property;
	}

}
