package dev.velocity.api.identity;

import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header checks without regular expressions answer as Spring Security's own: the
 * firewall's header predicate and the bearer token parsing, on generated input that mixes
 * token characters, padding, spaces, case, controls, unassigned and astral code points.
 */
class FastHeaderChecksTests {

	/** {@code StrictHttpFirewall}'s default header name and value check. */
	private static final Pattern FIREWALL = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

	private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

	private final FastHeaderChecks.BearerTokens fast = new FastHeaderChecks.BearerTokens();

	@Provide
	Arbitrary<String> headerValues() {
		Arbitrary<Character> tricky = Arbitraries.of('\u0000', '\t', '\n', '\r', '\u007f', '\u0085', '\u009f', ' ', '=',
				'\u0378', '\uffff', '\ud83d', '\ude00', '\u00e9', '\u212a', '\u017f', 'B', 'b', '~', '+', '/', '%');
		return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(40),
				Arbitraries.strings().withChars("aBzZ09-._~+/= ").ofMaxLength(40),
				Arbitraries.strings().withChars("aBzZ09-._~+/= ").ofMaxLength(30).map((token) -> "Bearer " + token),
				Arbitraries.strings().withChars("aB09=").ofMaxLength(30).map((token) -> "bEaReR " + token),
				Arbitraries.strings().all().ofMaxLength(8).map((noise) -> "Bearer abc" + noise),
				tricky.list().ofMaxSize(12).map((chars) -> {
					StringBuilder value = new StringBuilder("Bearer ");
					chars.forEach(value::append);
					return value.toString();
				}), Arbitraries.strings().all().ofMaxLength(20));
	}

	@Property(tries = 3000)
	void theFirewallCheckAnswersAsTheExpression(@ForAll("headerValues") String value) {
		assertThat(FastHeaderChecks.ASSIGNED_AND_NOT_CONTROL.test(value)).as("%s", value.codePoints().toArray())
			.isEqualTo(FIREWALL.matcher(value).matches());
	}

	@Property(tries = 3000)
	void bearerTokensResolveAsSpringSecuritysResolver(@ForAll("headerValues") String header) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/buy");
		request.setContentType("application/json");
		request.addHeader("Authorization", header);
		assertThat(outcome(this.fast, request)).as(header).isEqualTo(outcome(this.spring, request));
	}

	@Test
	void aWellFormedHeaderOnAPostIsReadWithoutTheDelegate() {
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Bearer eyJ.abc-_~+/==")).isTrue();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("bearer abc")).isTrue();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Bearer ")).isFalse();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Bearer ==")).isFalse();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Bearer a=b")).isFalse();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Bearer  abc")).isFalse();
		assertThat(FastHeaderChecks.BearerTokens.isWellFormed("Basic abc")).isFalse();
	}

	@Test
	void requestsWhoseParametersSpringSecurityReadsAreLeftToIt() {
		MockHttpServletRequest get = new MockHttpServletRequest("GET", "/orders/x");
		get.addHeader("Authorization", "Bearer abc");
		get.addParameter("access_token", "def");
		assertThat(outcome(this.fast, get)).isEqualTo(outcome(this.spring, get));
		MockHttpServletRequest form = new MockHttpServletRequest("POST", "/buy");
		form.setContentType("application/x-www-form-urlencoded; charset=UTF-8");
		form.addHeader("Authorization", "Bearer abc");
		form.addParameter("access_token", "def");
		assertThat(outcome(this.fast, form)).isEqualTo(outcome(this.spring, form));
	}

	private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
		try {
			return "token " + resolver.resolve(request);
		}
		catch (OAuth2AuthenticationException ex) {
			return "refused " + ex.getError().getErrorCode() + " " + ex.getMessage();
		}
	}

}
