package dev.velocity.api.web;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ClassUtils;

/**
 * Every problem type of the API: the {@link ProblemType} constants of every feature's
 * {@code *ProblemTypes} class, found on the class path (so a feature adds its own without
 * a list here to keep in step). The OpenAPI document lists them; a test holds them to one
 * URI each.
 */
public final class ProblemTypes {

	private static final String HOLDERS = "classpath*:dev/velocity/api/**/*ProblemTypes.class";

	private static final List<ProblemType> ALL = scan();

	private ProblemTypes() {
	}

	/** Every problem type, by type URI. */
	public static List<ProblemType> all() {
		return ALL;
	}

	/**
	 * The problem type of a slug (the last part of its URI).
	 * @throws IllegalArgumentException when no feature declares it
	 */
	public static ProblemType named(String slug) {
		String type = ProblemType.BASE + slug;
		return ALL.stream()
			.filter((problem) -> problem.type().toString().equals(type))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No problem type " + slug));
	}

	private static List<ProblemType> scan() {
		ClassLoader loader = ProblemTypes.class.getClassLoader();
		List<ProblemType> types = new ArrayList<>();
		try {
			for (Resource resource : new PathMatchingResourcePatternResolver(loader).getResources(HOLDERS)) {
				String path = resource.getURL().toString();
				String name = path.substring(path.lastIndexOf("dev/velocity/api/"), path.length() - ".class".length())
					.replace('/', '.');
				for (Field field : ClassUtils.forName(name, loader).getDeclaredFields()) {
					if (Modifier.isStatic(field.getModifiers()) && field.getType() == ProblemType.class) {
						field.setAccessible(true);
						types.add((ProblemType) field.get(null));
					}
				}
			}
		}
		catch (IOException | ReflectiveOperationException | LinkageError ex) {
			throw new IllegalStateException("Could not list the problem types", ex);
		}
		types.sort(Comparator.comparing((ProblemType type) -> type.type().toString()));
		return List.copyOf(types);
	}

}
