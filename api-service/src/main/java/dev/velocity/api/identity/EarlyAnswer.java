package dev.velocity.api.identity;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * An answer that is the same for every caller (a sold-out sale's 409), given before
 * anything else looks at the request: ahead of the request observation, the body limits
 * and Spring Security's chain, whose checks were most of such an answer's cost. So an
 * early answer trusts nothing it has not checked itself, reads a body only through
 * {@link dev.velocity.api.web.LimitedBodies}, and counts itself (it is not timed in
 * {@code http.server.requests}). The answer it writes gets the same security headers as
 * every other, as it sets its status or opens its body.
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
