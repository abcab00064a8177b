package dev.velocity.api.identity;

import java.io.IOException;

import dev.velocity.api.web.JsonExchange;
import dev.velocity.api.web.HttpProblemTypes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * The security chain's refusals as problem JSON: 401 {@code unauthorized} (no token, or
 * one that is expired, forged or for another audience), 403 {@code forbidden} (a token
 * without the authority), 400 {@code invalid-request} (a URL the firewall rejects). The
 * {@code WWW-Authenticate} header is Spring Security's own (RFC 6750).
 */
final class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	private final AuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	private final JsonExchange json;

	ProblemAnswers(JsonExchange json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException, ServletException {
		this.bearer.commence(request, response, ex);
		boolean presented = request.getHeader("Authorization") != null;
		this.json.write(request, response,
				HttpProblemTypes.UNAUTHORIZED.problem(presented
						? "The bearer token is not valid: it is expired, not "
								+ "signed by the identity provider, or not meant for this API"
						: "A bearer token is required"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException, ServletException {
		this.bearerDenied.handle(request, response, ex);
		this.json.write(request, response, HttpProblemTypes.FORBIDDEN.problem("This token may not do that"));
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		this.json.write(request, response, HttpProblemTypes.INVALID_REQUEST.problem("The request URL is not valid"));
	}

}
