package dev.velocity.api.identity;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import dev.velocity.api.web.Ids;
import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.web.WebProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.util.Assert;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The API's one security filter chain: stateless bearer tokens (no sessions, no cookies,
 * so no CSRF), shoppers for {@code POST /buy} and {@code /orders/**}, the admin authority
 * for {@code /admin/**}, the rest public. Every refusal is problem JSON.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	private static final Pattern SUBJECT = Pattern.compile(Ids.SHOPPER_ID_PATTERN);

	private static final Duration JWKS_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, IdentityProperties identity, WebProperties web,
			ProblemAnswers problems) throws Exception {
		http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable())
			.authorizeHttpRequests((requests) -> {
				requests.requestMatchers(SignedInRoutes.ADMIN).hasAuthority(identity.adminAuthority());
				for (SignedInRoutes.Route route : SignedInRoutes.SHOPPER) {
					requests.requestMatchers(route.method(), route.pattern()).authenticated();
				}
				requests.anyRequest().permitAll();
			})
			.oauth2ResourceServer(
					(server) -> server.bearerTokenResolver(new FastHeaderChecks.BearerTokens()).jwt((jwt) -> {
					}).authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.headers((headers) -> {
				headers.defaultsDisabled().addObjectPostProcessor(EAGER_HEADERS);
				headerWriters(web).forEach(headers::addHeaderWriter);
			});
		return http.build();
	}

	/**
	 * The security headers written before the request is handled, not when its answer is
	 * committed: a purchase is answered on another thread after the chain has returned,
	 * and the lazy writer would then write the headers on the request's thread at the
	 * same time. Every header here depends on the request alone, never on the answer.
	 */
	private static final ObjectPostProcessor<HeaderWriterFilter> EAGER_HEADERS = new ObjectPostProcessor<>() {

		@Override
		public <O extends HeaderWriterFilter> O postProcess(O filter) {
			filter.setShouldWriteHeadersEagerly(true);
			return filter;
		}

	};

	/**
	 * The security headers of every answer: those OWASP lists for an API
	 * ({@code nosniff}, {@code Cache-Control: no-store} unless the answer sets its own,
	 * HSTS over HTTPS, {@code X-Frame-Options} and the content security policies) and no
	 * referrer. Not Spring Security's {@code Pragma} and {@code Expires}, which only
	 * HTTP/1.0 caches read, nor {@code X-XSS-Protection: 0}, which tells browsers that no
	 * longer have the filter it turns off to do nothing: a sold-out storm's cost is
	 * mostly Tomcat writing headers (ADR 0013). One list, for the security filter chain
	 * and for the early answers ahead of it, so that both answer with the same headers.
	 * @param web the HTTP settings
	 * @return the header writers
	 */
	static List<HeaderWriter> headerWriters(WebProperties web) {
		return List.of(new XContentTypeOptionsHeaderWriter(),
				new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, "no-store"), new HstsHeaderWriter(),
				new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
				new ContentSecurityPolicies(web.contentSecurityPolicy()),
				new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER));
	}

	/**
	 * The {@link EarlyAnswer}s, ahead of every other filter: the request observation
	 * ({@code HIGHEST_PRECEDENCE + 1}) and Spring Security's chain cost a sold-out answer
	 * about a quarter of its CPU
	 * ({@code loadtest/results/2026-12-03-early-answers-ahead.md}). The filters ordered
	 * {@code HIGHEST_PRECEDENCE} with it (the malformed-URL check, character encoding)
	 * neither change nor answer a request an early answer takes.
	 */
	@Bean
	FilterRegistrationBean<EarlyAnswers> earlyAnswers(ObjectProvider<EarlyAnswer> earlyAnswers, WebProperties web) {
		List<EarlyAnswer> answers = earlyAnswers.orderedStream().toList();
		FilterRegistrationBean<EarlyAnswers> registration = new FilterRegistrationBean<>(
				new EarlyAnswers(answers, headerWriters(web)));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setEnabled(!answers.isEmpty());
		return registration;
	}

	/** The {@link EarlyAnswer}s, in order. */
	static final class EarlyAnswers extends OncePerRequestFilter {

		private final List<EarlyAnswer> answers;

		private final List<HeaderWriter> headers;

		EarlyAnswers(List<EarlyAnswer> answers, List<HeaderWriter> headers) {
			this.answers = answers;
			this.headers = headers;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			HttpServletRequest next = request;
			HttpServletResponse answer = new SecuredAnswer(request, response, this.headers);
			for (EarlyAnswer early : this.answers) {
				next = early.answer(next, answer);
				if (next == null) {
					return;
				}
			}
			chain.doFilter(next, response);
		}

	}

	/**
	 * An early answer, given the security headers as it starts: only an answer written
	 * carries them, and a request passed on gets them from the security chain.
	 */
	private static final class SecuredAnswer extends HttpServletResponseWrapper {

		private final HttpServletRequest request;

		private final List<HeaderWriter> headers;

		private boolean secured;

		SecuredAnswer(HttpServletRequest request, HttpServletResponse response, List<HeaderWriter> headers) {
			super(response);
			this.request = request;
			this.headers = headers;
		}

		@Override
		public void setStatus(int status) {
			secure();
			super.setStatus(status);
		}

		@Override
		public void sendError(int status, String message) throws IOException {
			secure();
			super.sendError(status, message);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			secure();
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			secure();
			return super.getWriter();
		}

		private void secure() {
			if (!this.secured) {
				this.secured = true;
				HttpServletResponse response = (HttpServletResponse) getResponse();
				for (HeaderWriter writer : this.headers) {
					writer.writeHeaders(this.request, response);
				}
			}
		}

	}

	/**
	 * No observation of each security filter, authentication and authorization: the
	 * request timer ({@code http.server.requests}) stays, and these per-filter
	 * observations, which no dashboard or alarm reads, cost each sold-out answer a
	 * Micrometer observation per filter (in a profile of a sold-out storm, nine samples
	 * in ten ran inside their decorator).
	 */
	@Bean
	SecurityObservationSettings securityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/** The strict firewall, its header checks without a regular expression. */
	@Bean
	WebSecurityCustomizer firewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(FastHeaderChecks.ASSIGNED_AND_NOT_CONTROL);
		firewall.setAllowedHeaderValues(FastHeaderChecks.ASSIGNED_AND_NOT_CONTROL);
		return (web) -> web.httpFirewall(firewall);
	}

	@Bean
	RequestRejectedHandler requestRejected(ProblemAnswers problems) {
		return problems;
	}

	@Bean
	JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, IdentityProperties identity) {
		OAuth2ResourceServerProperties.Jwt settings = resourceServer.getJwt();
		Assert.hasText(settings.getJwkSetUri(),
				"spring.security.oauth2.resourceserver.jwt.jwk-set-uri must name the identity provider's JWK set");
		Assert.hasText(settings.getIssuerUri(),
				"spring.security.oauth2.resourceserver.jwt.issuer-uri must name the tokens' issuer");
		List<String> audiences = settings.getAudiences();
		Assert.notEmpty(audiences, "spring.security.oauth2.resourceserver.jwt.audiences must name this API");
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(JWKS_TIMEOUT);
		requests.setReadTimeout(JWKS_TIMEOUT);
		NimbusJwtDecoder verifier = NimbusJwtDecoder.withJwkSetUri(settings.getJwkSetUri())
			.restOperations(new RestTemplate(requests))
			.build();
		verifier.setJwtValidator(validator(settings.getIssuerUri(), audiences));
		return (identity.maxVerifiedTokens() > 0) ? new VerifiedTokens(verifier, identity.maxVerifiedTokens())
				: verifier;
	}

	static OAuth2TokenValidator<Jwt> validator(String issuer, List<String> audiences) {
		return new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
				new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
						(aud) -> aud != null && aud.stream().anyMatch(audiences::contains)),
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, (exp) -> exp != null), new JwtClaimValidator<String>(
						JwtClaimNames.SUB, (sub) -> sub != null && SUBJECT.matcher(sub).matches()));
	}

	@Bean
	ProblemAnswers problemAnswers(JsonExchange json) {
		return new ProblemAnswers(json);
	}

}
