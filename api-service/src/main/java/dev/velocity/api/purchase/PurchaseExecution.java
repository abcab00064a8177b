package dev.velocity.api.purchase;

import java.util.concurrent.Executor;

import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Where a purchase's answer is written, and an archived sale's replay asks the order
 * store: off the client libraries' I/O threads, on which a purchase completes and which
 * must never wait on a slow shopper or the order store. A new virtual thread each where
 * virtual threads are on (as Tomcat's requests run), otherwise a pool as large as
 * Tomcat's default. Its users wrap it in {@link Continuations#orHere}, so that work it
 * refuses while closing still runs.
 */
@Configuration(proxyBeanMethods = false)
class PurchaseExecution {

	@Bean
	Executor purchaseContinuations(Environment environment) {
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

}
