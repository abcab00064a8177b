package dev.velocity.api.purchase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase threads outlast the web server's graceful shutdown: answers written while
 * it waits for the requests in flight are written on them, not on the client library's
 * I/O thread that completed the purchase.
 */
class PurchaseExecutionTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(PurchaseExecution.class, GracefulShutdown.class);

	@Test
	void aPoolTakesAnswersWhileTheWebServerShutsDown() {
		assertAnswersDuringShutdownRunOnPurchaseThreads("spring.threads.virtual.enabled=false");
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void virtualThreadsTakeAnswersWhileTheWebServerShutsDown() {
		assertAnswersDuringShutdownRunOnPurchaseThreads("spring.threads.virtual.enabled=true");
	}

	private void assertAnswersDuringShutdownRunOnPurchaseThreads(String threading) {
		CompletableFuture<String> answeredOn = new CompletableFuture<>();
		this.context.withPropertyValues(threading)
			.withBean(AnsweredOn.class, () -> new AnsweredOn(answeredOn))
			.run((context) -> assertThat(answeredOn).isNotDone());
		assertThat(answeredOn).succeedsWithin(5, TimeUnit.SECONDS).asString().startsWith("purchase-");
	}

	/** The thread an answer was written on. */
	record AnsweredOn(CompletableFuture<String> thread) {
	}

	/**
	 * Stands for the web server's graceful shutdown (Spring Boot's phase for it): a
	 * purchase completes while it waits, and its answer is handed on.
	 */
	@Configuration(proxyBeanMethods = false)
	static class GracefulShutdown {

		@Bean
		SmartLifecycle gracefulShutdown(@Qualifier("purchaseContinuations") Executor continuations,
				AnsweredOn answeredOn) {
			return new SmartLifecycle() {

				private volatile boolean running;

				@Override
				public void start() {
					this.running = true;
				}

				@Override
				public void stop() {
					continuations.execute(() -> answeredOn.thread().complete(Thread.currentThread().getName()));
					answeredOn.thread().orTimeout(5, TimeUnit.SECONDS).exceptionally((timedOut) -> null).join();
					this.running = false;
				}

				@Override
				public boolean isRunning() {
					return this.running;
				}

				@Override
				public int getPhase() {
					return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE;
				}

			};
		}

	}

}
