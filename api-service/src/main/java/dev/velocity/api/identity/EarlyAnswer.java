package dev.velocity.api.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * An answer that is the same for every caller (a sold-out sale's 409), given before the
 * caller's identity is checked: the bearer token's checks were most of such an answer's
 * cost. It runs inside the security filter chain, after the firewall and the security
 * headers, so the answer is firewalled and carries the same headers as every other.
 */
public interface EarlyAnswer {

	/**
	 * Answers the request, or passes it on.
	 * @param request the request
	 * @param response the response
	 * @return {@code null} when this answered; otherwise the request to go on with (the
	 * same one, or one that replays what this read of it)
	 * @throws IOException when the client has gone
	 */
	@Nullable HttpServletRequest answer(HttpServletRequest request, HttpServletResponse response) throws IOException;

}
