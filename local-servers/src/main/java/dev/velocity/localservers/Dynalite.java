package dev.velocity.localservers;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * dynalite, a DynamoDB-compatible server on LevelDB, run with the machine's node. With a
 * data directory its tables survive a restart; without one they live in memory.
 */
public final class Dynalite extends ServerProcess {

	private static final String SERVER_SCRIPT = "dynalite-server.js";

	private final Path dataDir;

	private final String server;

	/**
	 * A dynalite on {@code port}.
	 * @param port loopback port
	 * @param logDir where its log goes
	 * @param dataDir where LevelDB keeps the tables, or {@code null} for memory only
	 */
	public Dynalite(int port, Path logDir, Path dataDir) {
		super("dynalite", port, logDir.resolve("dynalite.log"));
		this.dataDir = dataDir;
		this.server = resolveServer();
	}

	/**
	 * A throwaway, memory-only dynalite on a free port, for tests.
	 * @return the started server
	 */
	public static Dynalite startEphemeral() {
		try {
			Dynalite dynalite = new Dynalite(FreePort.find(), Files.createTempDirectory("velocity-dynalite"), null);
			dynalite.start();
			return dynalite;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * {@code local-servers/dynalite-server.js}: dynalite started as its own CLI starts
	 * it, but surviving a client that hangs up mid-request (see the script).
	 */
	static String resolveServer() {
		List<String> candidates = new ArrayList<>();
		candidates.add(System.getProperty("velocity.dynalite.server"));
		candidates.add(System.getenv("VELOCITY_DYNALITE_SERVER"));
		candidates.add("local-servers/" + SERVER_SCRIPT);
		candidates.add("../local-servers/" + SERVER_SCRIPT);
		candidates.add(SERVER_SCRIPT);
		for (String candidate : candidates) {
			if (candidate == null) {
				continue;
			}
			File script = new File(candidate).getAbsoluteFile();
			if (script.isFile() && new File(script.getParentFile(), "node_modules/dynalite/index.js").isFile()) {
				return script.getPath();
			}
		}
		throw new IllegalStateException("dynalite is not installed: run 'npm ci' in local-servers/ "
				+ "(the Maven build does it) or set VELOCITY_DYNALITE_SERVER to local-servers/" + SERVER_SCRIPT);
	}

	@Override
	protected List<String> command() {
		List<String> command = new ArrayList<>(List.of("node", this.server, "--host", "127.0.0.1", "--port",
				String.valueOf(port()), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
		if (this.dataDir != null) {
			command.addAll(List.of("--path", this.dataDir.toAbsolutePath().toString()));
		}
		return command;
	}

	/** The endpoint to hand the AWS SDK. */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + port());
	}

}
