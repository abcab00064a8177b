package dev.velocity.localservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port helpers. */
public final class FreePort {

	private FreePort() {
	}

	/**
	 * A port free on 127.0.0.1 at the time of the call.
	 * @return the port
	 */
	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether something accepts connections on 127.0.0.1:{@code port}.
	 * @param port the port
	 * @return {@code true} when a connection succeeds
	 */
	public static boolean isListening(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static void awaitListening(String what, int port, long timeoutMillis, Process process) {
		long deadline = System.currentTimeMillis() + timeoutMillis;
		while (!isListening(port)) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException(
						what + " exited with code " + process.exitValue() + " before listening");
			}
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(
						what + " did not listen on port " + port + " within " + timeoutMillis + " ms");
			}
			pause(50);
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
