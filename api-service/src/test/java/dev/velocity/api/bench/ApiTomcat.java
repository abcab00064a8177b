package dev.velocity.api.bench;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.tomcat.autoconfigure.TomcatServerProperties;
import org.springframework.boot.tomcat.autoconfigure.TomcatVirtualThreadsWebServerFactoryCustomizer;
import org.springframework.boot.tomcat.autoconfigure.TomcatWebServerFactoryCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Tomcat as the API runs it, for the bench's servers beside it ({@link BareEndpoint},
 * {@link FloorPurchase}): the API's {@code application.yml} bound to Spring Boot's own
 * {@code server.*} and {@code server.tomcat.*} properties and applied by Spring Boot's
 * own customizer (keep-alive, timeouts, connection and thread limits), on virtual
 * threads. A ceiling on Tomcat's defaults would not be the API's Tomcat: it closes every
 * keep-alive connection after 100 requests where the API keeps it for 10,000.
 */
final class ApiTomcat {

	private ApiTomcat() {
	}

	/**
	 * A factory set up as the API's.
	 * @param port the port (0: any free one)
	 * @return the factory
	 */
	static TomcatServletWebServerFactory factory(int port) {
		StandardEnvironment environment = new StandardEnvironment();
		try {
			new YamlPropertySourceLoader().load("api", new ClassPathResource("application.yml"))
				.forEach(environment.getPropertySources()::addLast);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Binder binder = Binder.get(environment);
		TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(port);
		new TomcatWebServerFactoryCustomizer(environment, binder.bindOrCreate("server", ServerProperties.class),
				binder.bindOrCreate("server.tomcat", TomcatServerProperties.class), new WebProperties())
			.customize(factory);
		new TomcatVirtualThreadsWebServerFactoryCustomizer().customize(factory);
		return factory;
	}

}
