package dev.velocity.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a child process on a loopback port, restartable on the same port so
 * tests can take it away and bring it back.
 */
public abstract class ServerProcess implements AutoCloseable {

	private final String name;

	private final int port;

	private final Path logFile;

	private Process process;

	protected ServerProcess(String name, int port, Path logFile) {
		this.name = name;
		this.port = port;
		this.logFile = logFile;
	}

	/** The command line that starts the server. */
	protected abstract List<String> command();

	/** How long a start may take. */
	protected long startTimeoutMillis() {
		return 30_000;
	}

	/** Waits until the server answers; the default waits for its port. */
	protected void awaitReady(Process process) {
		FreePort.awaitListening(this.name, this.port, startTimeoutMillis(), process);
	}

	/**
	 * Starts the server (again) on its port.
	 * @return this server
	 */
	public synchronized ServerProcess start() {
		if (this.process != null && this.process.isAlive()) {
			return this;
		}
		if (FreePort.isListening(this.port)) {
			throw new IllegalStateException(this.name + ": port " + this.port + " is already in use");
		}
		try {
			Files.createDirectories(this.logFile.getParent());
			ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.logFile.toFile()));
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(this.name + " could not start", ex);
		}
		try {
			awaitReady(this.process);
		}
		catch (RuntimeException ex) {
			this.process.destroyForcibly();
			throw new IllegalStateException(ex.getMessage() + " (log: " + this.logFile + ")", ex);
		}
		return this;
	}

	/** Stops the server gracefully (SIGTERM) and waits until its port is free. */
	public synchronized void stop() {
		end(false);
	}

	/** Kills the server at once (SIGKILL), as a crash would. */
	public synchronized void kill() {
		end(true);
	}

	private void end(boolean forcibly) {
		if (this.process == null) {
			return;
		}
		if (forcibly) {
			this.process.destroyForcibly();
		}
		else {
			this.process.destroy();
		}
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.process = null;
		long deadline = System.currentTimeMillis() + 5_000;
		while (FreePort.isListening(this.port) && System.currentTimeMillis() < deadline) {
			FreePort.pause(20);
		}
	}

	/**
	 * Freezes the server (SIGSTOP): its port stays open but nothing answers, as in a
	 * network partition.
	 */
	public synchronized void suspend() {
		signal("STOP");
	}

	/** Thaws a frozen server (SIGCONT). */
	public synchronized void resume() {
		signal("CONT");
	}

	private void signal(String signal) {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " is not running");
		}
		signal(this.process, signal);
	}

	/**
	 * Sends a POSIX signal to a process.
	 * @param process the process
	 * @param signal the signal's name, e.g. {@code STOP}
	 */
	static void signal(Process process, String signal) {
		try {
			new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	public int port() {
		return this.port;
	}

	public String name() {
		return this.name;
	}

	public Path logFile() {
		return this.logFile;
	}

	@Override
	public void close() {
		stop();
	}

}
