package dev.velocity.api.purchase;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * What runs a purchase's continuation (its answer, an archived sale's replay) once the
 * {@code purchaseContinuations} executor refuses work, as it does while the API shuts
 * down: the calling thread, a client library's. That may block it briefly, but only then;
 * the alternative is an answer left to the answer deadline's "unknown", or a 500.
 */
public final class Continuations {

	private Continuations() {
	}

	/**
	 * @param executor where continuations run
	 * @return {@code executor}, or the calling thread when it refuses a task
	 */
	public static Executor orHere(Executor executor) {
		return (task) -> {
			try {
				executor.execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		};
	}

}
