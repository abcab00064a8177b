package dev.velocity.api.purchase.web;

import java.util.concurrent.Executor;

import dev.velocity.api.identity.EarlyAnswer;
import dev.velocity.api.purchase.PurchaseService;
import dev.velocity.api.waitingroom.AdmissionTokens;
import dev.velocity.api.web.ClientAddresses;
import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.web.WebProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Maps {@link PurchaseServlet} to {@code /buy}, ahead of the dispatcher's {@code /}, and
 * answers a sold-out sale's purchases ahead of every filter ({@link SoldOutFirst}).
 */
@Configuration(proxyBeanMethods = false)
class PurchaseWebConfiguration {

	@Bean
	SoldOutBodies soldOutBodies(JsonExchange json) {
		return new SoldOutBodies(json);
	}

	@Bean
	EarlyAnswer soldOutFirst(PurchaseService purchases, JsonExchange json, SoldOutBodies soldOutBodies,
			WebProperties web) {
		return new SoldOutFirst(purchases, json, soldOutBodies, web);
	}

	@Bean
	ServletRegistrationBean<PurchaseServlet> purchaseServlet(PurchaseService purchases, JsonExchange json,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver errors, ClientAddresses addresses,
			AdmissionTokens admissions, SoldOutBodies soldOutBodies,
			@Qualifier("purchaseContinuations") Executor answering, WebProperties web) {
		ServletRegistrationBean<PurchaseServlet> registration = new ServletRegistrationBean<>(
				new PurchaseServlet(purchases, json, errors, addresses, admissions, soldOutBodies, answering,
						web.answerDeadline()),
				PurchaseServlet.PATH);
		registration.setName("purchase");
		registration.setLoadOnStartup(1);
		return registration;
	}

}
