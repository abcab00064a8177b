package dev.velocity.localservers;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import redis.embedded.core.ExecutableProvider;

/**
 * A real {@code redis-server}: the one named by {@code VELOCITY_REDIS_SERVER}, else the
 * one on the PATH (Debian's Redis 7), else the Redis 6.2 binary that embedded-redis ships
 * (zero install).
 */
public final class RedisServer extends ServerProcess {

	private final Path dataDir;

	private final boolean appendOnly;

	private final String executable;

	private final List<String> extraArgs;

	/**
	 * A Redis server on {@code port} keeping its files in {@code dataDir}.
	 * @param port loopback port
	 * @param dataDir where the AOF and the log live
	 * @param appendOnly whether to persist with AOF, {@code appendfsync everysec}
	 */
	public RedisServer(int port, Path dataDir, boolean appendOnly) {
		this(port, dataDir, appendOnly, List.of());
	}

	/**
	 * A Redis server as {@link #RedisServer(int, Path, boolean)}, with more settings.
	 * @param port loopback port
	 * @param dataDir where its files live
	 * @param appendOnly whether to persist with AOF
	 * @param extraArgs more settings, as {@code --name value} pairs
	 */
	public RedisServer(int port, Path dataDir, boolean appendOnly, List<String> extraArgs) {
		super("redis", port, dataDir.resolve("redis.log"));
		this.dataDir = dataDir;
		this.appendOnly = appendOnly;
		this.executable = resolveExecutable();
		this.extraArgs = List.copyOf(extraArgs);
	}

	/**
	 * A throwaway, memory-only Redis on a free port, for tests.
	 * @return the started server
	 */
	public static RedisServer startEphemeral() {
		try {
			RedisServer server = new RedisServer(FreePort.find(), Files.createTempDirectory("velocity-redis"), false);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String resolveExecutable() {
		String configured = System.getenv("VELOCITY_REDIS_SERVER");
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		for (String dir : List.of("/usr/bin", "/usr/local/bin", "/usr/sbin")) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		try {
			return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No redis-server on the PATH and the embedded one could not be unpacked",
					ex);
		}
	}

	@Override
	protected List<String> command() {
		List<String> command = new ArrayList<>(List.of(this.executable, "--port", String.valueOf(port()), "--bind",
				"127.0.0.1", "--protected-mode", "no", "--daemonize", "no", "--dir",
				this.dataDir.toAbsolutePath().toString(), "--save", "", "--loglevel", "warning"));
		if (this.appendOnly) {
			command.addAll(List.of("--appendonly", "yes", "--appendfsync", "everysec"));
		}
		else {
			command.addAll(List.of("--appendonly", "no"));
		}
		command.addAll(this.extraArgs);
		return command;
	}

	@Override
	protected void awaitReady(Process process) {
		super.awaitReady(process);
		// The port opens before an AOF has been loaded; LOADING replies until it has.
		long deadline = System.currentTimeMillis() + startTimeoutMillis();
		while (!"+PONG".equals(command("PING"))) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException("redis did not answer PING");
			}
			FreePort.pause(50);
		}
	}

	/**
	 * Sends one inline command and returns the first line of the reply (test and ops
	 * helper).
	 * @param inline the command, e.g. {@code "FLUSHALL"}
	 * @return the reply's first line, or {@code null} when Redis cannot be reached
	 */
	public String command(String inline) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port())) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
				.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

	/**
	 * A numeric field of {@code INFO}, read through {@code EVAL} since {@link #command}
	 * returns the first line of a reply only (test helper).
	 * @param section the section, e.g. {@code "stats"}
	 * @param field the field, e.g. {@code "total_connections_received"}
	 * @return its value
	 * @throws IllegalStateException when Redis cannot be reached or has no such field
	 */
	public long info(String section, String field) {
		String reply = command("EVAL \"return tonumber(string.match(redis.call('INFO', '" + section + "'), '" + field
				+ ":(%d+)'))\" 0");
		if (reply == null || !reply.startsWith(":")) {
			throw new IllegalStateException("INFO " + section + " " + field + ": " + reply);
		}
		return Long.parseLong(reply.substring(1));
	}

	/** The binary this server runs. */
	public String executable() {
		return this.executable;
	}

	/** The redis:// URL of this server. */
	public String url() {
		return "redis://127.0.0.1:" + port();
	}

}
