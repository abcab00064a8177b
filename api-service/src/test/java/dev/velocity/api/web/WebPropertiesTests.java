package dev.velocity.api.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP edge's deadlines must be positive: Tomcat reads an async timeout of zero (or
 * less) as none, so {@code answer-deadline: 0s} would silently turn the backstop off.
 */
class WebPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class)
		.withPropertyValues("velocity.http.max-body-size=16KB", "velocity.http.body-deadline=10s",
				"velocity.http.answer-deadline=30s", "velocity.http.trusted-proxies=",
				"velocity.http.content-security-policy=default-src 'self'");

	@Test
	void bindsPositiveDeadlines() {
		this.context.run((started) -> assertThat(started).hasNotFailed()
			.getBean(WebProperties.class)
			.satisfies((web) -> assertThat(web.answerDeadline()).hasSeconds(30)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "answer-deadline=0s", "answer-deadline=-1s", "body-deadline=0s" })
	void refusesToStartWithADeadlineThatIsNotPositive(String deadline) {
		this.context.withPropertyValues("velocity.http." + deadline)
			.run((started) -> assertThat(started).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("must be longer than or equal to 1 milli")
				.hasMessageContaining("origin \"velocity.http." + deadline.substring(0, deadline.indexOf('=')) + "\""));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(WebProperties.class)
	static class Properties {

	}

}
