package dev.velocity.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * CDK's logical ID of a construct path (its {@code makeUniqueId}, which CDK does not
 * expose): a path of one component is that component; otherwise the human-readable
 * components followed by an MD5 of the path. {@code Default} components are left out
 * entirely, {@code Resource} from the readable part only. {@link VelocityStackTests}
 * checks the result against the IDs CDK gave the stack before it had parts.
 */
final class LogicalIds {

	private static final String HIDDEN = "Default";

	private static final String HIDDEN_FROM_HUMANS = "Resource";

	private static final int MAX_ID_LENGTH = 255;

	private static final int MAX_HUMAN_LENGTH = 240;

	private LogicalIds() {
	}

	static String of(List<String> path) {
		List<String> components = path.stream().filter((component) -> !HIDDEN.equals(component)).toList();
		if (components.isEmpty()) {
			throw new IllegalArgumentException("No logical ID for an empty path");
		}
		if (components.size() == 1) {
			String topLevel = alphanumeric(components.get(0));
			if (topLevel.length() <= MAX_ID_LENGTH) {
				return topLevel;
			}
		}
		StringBuilder human = new StringBuilder();
		for (String component : withoutDuplicates(components)) {
			if (!HIDDEN_FROM_HUMANS.equals(component)) {
				human.append(alphanumeric(component));
			}
		}
		String readable = human.substring(0, Math.min(human.length(), MAX_HUMAN_LENGTH));
		return readable + hash(String.join("/", components));
	}

	// A component that ends the one before it is left out ("Api" then "ApiLogs" stays;
	// "ApiLogs" then "Logs" does not).
	private static List<String> withoutDuplicates(List<String> components) {
		List<String> kept = new ArrayList<>();
		for (String component : components) {
			if (kept.isEmpty() || !kept.get(kept.size() - 1).endsWith(component)) {
				kept.add(component);
			}
		}
		return kept;
	}

	private static String alphanumeric(String component) {
		return component.replaceAll("[^A-Za-z0-9]", "");
	}

	private static String hash(String path) {
		try {
			byte[] digest = MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, 8).toUpperCase(Locale.ROOT);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has MD5", ex);
		}
	}

}
