package dev.velocity.localservers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A Velocity service (a Spring Boot jar) run as a child process, as in production: the
 * run command starts both services this way, and so do the system tests.
 */
public final class ServiceProcess {

	private final String name;

	private final int port;

	private final int managementPort;

	private final Process process;

	private ServiceProcess(String name, int port, int managementPort, Process process, Consumer<String> output) {
		this.name = name;
		this.port = port;
		this.managementPort = managementPort;
		this.process = process;
		Thread echo = new Thread(() -> echo(output), "velocity-echo-" + name);
		echo.setDaemon(true);
		echo.start();
	}

	/** Each service's maximum heap. */
	public static final String MAX_HEAP = "512m";

	/**
	 * Starts {@code java -jar jar --server.port=port args...} with the current JVM's
	 * java, its actuator on a free management port.
	 * @param name a short name for logs
	 * @param jar the service's jar
	 * @param port its HTTP port
	 * @param env environment variables to add
	 * @param args more arguments (e.g. {@code --velocity.sqs.orders-queue=...})
	 * @param output receives every line the service prints
	 * @return the started (not yet ready) service
	 */
	public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, List<String> args,
			Consumer<String> output) {
		return start(name, jar, port, FreePort.find(), env, args, output);
	}

	/**
	 * Starts {@code java -jar jar --server.port=port args...} with the current JVM's
	 * java.
	 * @param name a short name for logs
	 * @param jar the service's jar
	 * @param port its HTTP port
	 * @param managementPort its actuator's port (probes, metrics), which the load
	 * balancer does not route
	 * @param env environment variables to add
	 * @param args more arguments (e.g. {@code --velocity.sqs.orders-queue=...})
	 * @param output receives every line the service prints
	 * @return the started (not yet ready) service
	 */
	public static ServiceProcess start(String name, Path jar, int port, int managementPort, Map<String, String> env,
			List<String> args, Consumer<String> output) {
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build with ./mvnw -DskipTests package");
		}
		if (FreePort.isListening(port)) {
			throw new IllegalStateException(name + ": port " + port + " is already in use");
		}
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java));
		if (Runtime.version().feature() >= 22) {
			command.add("--enable-native-access=ALL-UNNAMED");
		}
		// The heap budget a service must live within (the benchmark holds the API to it
		// through its storms); left alone, G1 sizes to a quarter of the machine's memory.
		command.add("-Xmx" + MAX_HEAP);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--management.server.port=" + managementPort));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(env);
		try {
			return new ServiceProcess(name, port, managementPort, builder.start(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(name + " could not start", ex);
		}
	}

	private void echo(Consumer<String> output) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.accept(line);
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	/**
	 * Waits until the service's readiness probe answers 200.
	 * @param timeout how long to wait
	 */
	public void awaitReady(Duration timeout) {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.currentTimeMillis() + timeout.toMillis();
		while (System.currentTimeMillis() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue());
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			FreePort.pause(250);
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout.toSeconds() + " s");
	}

	/** The actuator's port: probes and metrics. */
	public int managementPort() {
		return this.managementPort;
	}

	/** Asks the service to stop (SIGTERM: a graceful shutdown) without waiting. */
	public void requestStop() {
		this.process.destroy();
	}

	/**
	 * Stops the service gracefully and waits for it; kills it if it does not stop in
	 * time.
	 * @param timeout how long a graceful stop may take
	 */
	public void stop(Duration timeout) {
		requestStop();
		awaitExit(timeout);
	}

	/** Kills the service at once (SIGKILL), as a crash would. */
	public void kill() {
		this.process.destroyForcibly();
		awaitExit(Duration.ofSeconds(10));
	}

	/** Waits for the service to exit; past the timeout, kills it. */
	public void awaitExit(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Freezes the service (SIGSTOP). */
	public void suspend() {
		signal("STOP");
	}

	/** Thaws a frozen service (SIGCONT). */
	public void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		ServerProcess.signal(this.process, signal);
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public int port() {
		return this.port;
	}

	public String name() {
		return this.name;
	}

}
