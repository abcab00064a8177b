package dev.velocity.api.purchase;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where a purchase's answer is written, and an archived sale's replay asks the order
 * store: off the client libraries' I/O threads, on which a purchase completes and which
 * must never wait on a slow shopper or the order store.
 */
@Configuration(proxyBeanMethods = false)
class PurchaseExecution {

	/**
	 * The threads: a new virtual thread each where virtual threads are on (as Tomcat's
	 * requests run), otherwise a pool as large as Tomcat's default. A bean of its own so
	 * that Spring closes it, with the context's beans: after the web server's graceful
	 * shutdown, during which purchases in flight are still answered on these threads
	 * ({@code PurchaseExecutionTests}).
	 * @param environment whether virtual threads are on
	 * @return the executor
	 */
	@Bean
	Executor purchaseThreads(Environment environment) {
		if (Threading.VIRTUAL.isActive(environment)) {
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("purchase-");
			executor.setVirtualThreads(true);
			return executor;
		}
		ThreadPoolTaskExecutor pool = new ThreadPoolTaskExecutor();
		pool.setThreadNamePrefix("purchase-");
		pool.setCorePoolSize(200);
		pool.setMaxPoolSize(200);
		pool.setAllowCoreThreadTimeOut(true);
		return pool;
	}

	/**
	 * What purchases use: {@code purchaseThreads}, or the calling thread (a client
	 * library's) once it refuses work, as it does once closed, after the web server has
	 * stopped. That may block the caller briefly, but only then; the alternative is an
	 * answer left to the answer deadline's "unknown", or a 500. Not the JDK's
	 * {@code CallerRunsPolicy}: it discards the task once its pool is shut down, which is
	 * exactly when the refusal comes, and a virtual-thread executor has no rejection
	 * policy at all.
	 * @param threads the threads
	 * @return the executor
	 */
	@Bean
	Executor purchaseContinuations(@Qualifier("purchaseThreads") Executor threads) {
		return (task) -> {
			try {
				threads.execute(task);
			}
			catch (RejectedExecutionException ex) {
				task.run();
			}
		};
	}

}
