package dev.velocity.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.velocity.testsupport.ClassServers;
import dev.velocity.testsupport.UsesRealServers;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Points the API of every Spring test class marked {@link UsesRealServers} at that
 * class's servers and names ({@link ApiIntegrationTestSupport#properties}); registered in
 * {@code META-INF/spring.factories}. One context per class, as each has its own names.
 */
class ApiTestProperties implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!TestContextAnnotationUtils.hasAnnotation(testClass, UsesRealServers.class)) {
			return null;
		}
		return new OnClassServers(testClass);
	}

	private static final class OnClassServers implements ContextCustomizer {

		private final Class<?> testClass;

		OnClassServers(Class<?> testClass) {
			this.testClass = testClass;
		}

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			Map<String, Object> properties = Map
				.copyOf(ApiIntegrationTestSupport.properties(ClassServers.of(this.testClass)));
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("velocity-test-servers", properties));
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof OnClassServers that && this.testClass == that.testClass;
		}

		@Override
		public int hashCode() {
			return Objects.hashCode(this.testClass);
		}

	}

}
