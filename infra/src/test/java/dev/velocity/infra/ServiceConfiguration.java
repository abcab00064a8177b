package dev.velocity.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/** A service's own configuration files, read as the deploy artifacts must match them. */
final class ServiceConfiguration {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

	/**
	 * Spring Boot's own properties the deploy artifacts set (bound by Boot, not by
	 * Velocity).
	 */
	private static final Set<String> BOOT_PROPERTIES = Set.of("spring.data.redis.host", "spring.data.redis.port",
			"spring.data.redis.cluster.nodes", "spring.data.redis.ssl.enabled", "spring.data.redis.username",
			"spring.data.redis.password", "spring.security.oauth2.resourceserver.jwt.issuer-uri",
			"spring.security.oauth2.resourceserver.jwt.jwk-set-uri", "logging.structured.format.console",
			"spring.profiles.active");

	final String module;

	final Map<String, Object> properties = new LinkedHashMap<>();

	final Set<String> placeholders = new TreeSet<>();

	ServiceConfiguration(String module) {
		this.module = module;
		Path resources = ROOT.resolve(module).resolve("src/main/resources");
		for (String file : new String[] { "application.yml", "application-local.yml" }) {
			Path path = resources.resolve(file);
			if (!Files.exists(path)) {
				continue;
			}
			try (InputStream in = Files.newInputStream(path)) {
				for (Object document : new Yaml().loadAll(in)) {
					flatten("", document);
				}
				Matcher matcher = PLACEHOLDER.matcher(Files.readString(path));
				while (matcher.find()) {
					this.placeholders.add(matcher.group(1));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void flatten(String prefix, Object value) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> flatten(prefix.isEmpty() ? key.toString() : prefix + "." + key, child));
		}
		else {
			this.properties.put(prefix, value);
		}
	}

	String property(String key) {
		Object value = this.properties.get(key);
		return (value != null) ? value.toString() : null;
	}

	/**
	 * Whether an environment variable sets a property this service has (Spring's relaxed
	 * binding: {@code VELOCITY_SQS_ORDERSQUEUE} is {@code velocity.sqs.orders-queue}) or
	 * fills one of its placeholders.
	 */
	boolean understands(String environmentVariable) {
		if (this.placeholders.contains(environmentVariable)) {
			return true;
		}
		String wanted = environmentVariable.replace("_", "").toLowerCase();
		return this.properties.keySet()
			.stream()
			.map((key) -> key.replace(".", "").replace("-", "").toLowerCase())
			.anyMatch(wanted::equals)
				|| BOOT_PROPERTIES.stream().map((key) -> key.replace(".", "")).anyMatch(wanted::equals);
	}

	/** The port the service listens on: its {@code server.port}, else Boot's 8080. */
	int port() {
		String port = property("server.port");
		return (port != null) ? Integer.parseInt(port) : 8080;
	}

}
