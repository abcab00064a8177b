package dev.velocity.api.identity;

import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Spring Security's header checks, without their regular expressions on the hot path. A
 * JWT is some 700 characters, and both its firewall check of a header value and its
 * bearer token parsing ran a regular expression over it, several times a request: in a
 * profile of a sold-out storm, a third of the API's samples. Each check here answers
 * exactly as the one it stands for (compared on generated input in
 * {@code FastHeaderChecksTests}).
 */
final class FastHeaderChecks {

	private FastHeaderChecks() {
	}

	/**
	 * {@code StrictHttpFirewall}'s default for header names and values,
	 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}: every code point assigned and not a
	 * control character.
	 */
	static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = (value) -> {
		for (int i = 0; i < value.length();) {
			int codePoint = value.codePointAt(i);
			if (codePoint >= 0x20 && codePoint < 0x7f) {
				i++;
				continue;
			}
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || type == Character.CONTROL) {
				return false;
			}
			i += Character.charCount(codePoint);
		}
		return true;
	};

	/**
	 * {@link DefaultBearerTokenResolver} with a plain scan for the common request (a
	 * well-formed {@code Authorization: Bearer} header on a request whose parameters it
	 * would not read: not a GET, not a form); anything else goes to it.
	 */
	static final class BearerTokens implements BearerTokenResolver {

		private static final String PREFIX = "Bearer ";

		/** A table rather than ten comparisons: every request's token is checked. */
		private static final boolean[] TOKEN_CHARS = new boolean[128];

		static {
			for (char c = 0; c < TOKEN_CHARS.length; c++) {
				TOKEN_CHARS[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
						|| "-._~+/".indexOf(c) >= 0;
			}
		}

		private final DefaultBearerTokenResolver delegate = new DefaultBearerTokenResolver();

		@Override
		public String resolve(HttpServletRequest request) {
			if (!"GET".equals(request.getMethod()) && !isForm(request)) {
				String header = request.getHeader(HttpHeaders.AUTHORIZATION);
				if (header != null && isWellFormed(header)) {
					return header.substring(PREFIX.length());
				}
			}
			return this.delegate.resolve(request);
		}

		private static boolean isForm(HttpServletRequest request) {
			String type = request.getContentType();
			return type != null && MediaType.APPLICATION_FORM_URLENCODED_VALUE.regionMatches(true, 0, type, 0,
					MediaType.APPLICATION_FORM_URLENCODED_VALUE.length());
		}

		/** {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$}, case-insensitive. */
		static boolean isWellFormed(String header) {
			if (header.length() <= PREFIX.length()) {
				return false;
			}
			for (int i = 0; i < PREFIX.length(); i++) {
				// ASCII case folding only, as the expression's CASE_INSENSITIVE.
				char c = header.charAt(i);
				char expected = PREFIX.charAt(i);
				if (c != expected && !(Character.isLetter(expected) && c < 0x80 && (c | 0x20) == (expected | 0x20))) {
					return false;
				}
			}
			int i = PREFIX.length();
			int tokenStart = i;
			while (i < header.length() && isTokenChar(header.charAt(i))) {
				i++;
			}
			if (i == tokenStart) {
				return false;
			}
			while (i < header.length() && header.charAt(i) == '=') {
				i++;
			}
			return i == header.length();
		}

		private static boolean isTokenChar(char c) {
			return c < TOKEN_CHARS.length && TOKEN_CHARS[c];
		}

	}

}
