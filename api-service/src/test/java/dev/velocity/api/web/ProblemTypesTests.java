package dev.velocity.api.web;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each feature declares its problem types in a {@code *ProblemTypes} class of its own:
 * together they are the API's contract, so no two share a type URI.
 */
class ProblemTypesTests {

	@Test
	void everyProblemTypeOfEveryFeatureHasATypeOfItsOwn() throws Exception {
		List<ProblemType> types = new ArrayList<>();
		List<String> holders = new ArrayList<>();
		for (Resource resource : new PathMatchingResourcePatternResolver()
			.getResources("classpath*:dev/velocity/api/**/*ProblemTypes.class")) {
			String path = resource.getURL().getPath();
			String name = path.substring(path.indexOf("dev/velocity/api/"), path.length() - ".class".length())
				.replace('/', '.');
			Class<?> holder = Class.forName(name);
			holders.add(holder.getSimpleName());
			for (Field field : holder.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class) {
					field.setAccessible(true);
					types.add((ProblemType) field.get(null));
				}
			}
		}

		assertThat(holders).contains("HttpProblemTypes", "PurchaseProblemTypes", "InventoryProblemTypes",
				"OrderProblemTypes", "ReconciliationProblemTypes");
		assertThat(types).hasSizeGreaterThanOrEqualTo(20);
		assertThat(types).extracting(ProblemType::type).doesNotHaveDuplicates();
		assertThat(types).allSatisfy((type) -> {
			assertThat(type.type().toString()).startsWith(ProblemType.BASE);
			assertThat(type.title()).isNotBlank();
		});
	}

}
