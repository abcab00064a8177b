package dev.velocity.api.purchase.web;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.velocity.api.ApiIntegrationTestSupport;
import dev.velocity.testsupport.ApiClient;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a purchase's answer is written: on a thread of the purchase executor, never on
 * the thread that read Redis's reply or the queue's acknowledgement (a client library's
 * I/O thread, which a shopper who reads slowly would stall for everyone). Run with
 * virtual threads on and off, each with its own executor.
 */
abstract class AnswerThreads {

	@Autowired
	WritingThreads writing;

	/**
	 * Whether the answers are written on virtual threads.
	 * @return the thread kind expected
	 */
	abstract boolean virtual();

	@Test
	void purchasesAreAnsweredOnThePurchaseExecutorsThreads(ApiClient api) {
		String saleId = ApiIntegrationTestSupport.uniqueSaleId("answer-threads");
		api.putSale(saleId, ApiIntegrationTestSupport.openSale(10, 1L));
		this.writing.threads.clear();

		// Redis's reply, then the queue's acknowledgement.
		assertThat(api.buy(saleId, "ann", 1).status()).isEqualTo(200);
		// Redis's reply alone.
		assertThat(api.buy(saleId, "ann", 1).status()).isEqualTo(409);

		assertThat(this.writing.threads).hasSize(2).allSatisfy((thread) -> {
			assertThat(thread.getName()).startsWith("purchase-");
			assertThat(isVirtual(thread)).isEqualTo(virtual());
		});
	}

	/**
	 * {@code Thread.isVirtual()}, which the Java 17 API these tests compile against
	 * lacks.
	 */
	private static boolean isVirtual(Thread thread) {
		try {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Notes the thread that first writes each {@code /buy} answer's body. */
	@TestComponent
	static class WritingThreads implements Filter {

		final List<Thread> threads = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			if (!PurchaseServlet.PATH.equals(((HttpServletRequest) request).getRequestURI())) {
				chain.doFilter(request, response);
				return;
			}
			chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {

				private boolean noted;

				@Override
				public ServletOutputStream getOutputStream() throws IOException {
					if (!this.noted) {
						this.noted = true;
						WritingThreads.this.threads.add(Thread.currentThread());
					}
					return super.getOutputStream();
				}

			});
		}

	}

}
