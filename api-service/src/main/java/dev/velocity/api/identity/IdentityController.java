package dev.velocity.api.identity;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /identity}: where the shop page signs shoppers in (public; it names no
 * secret).
 */
@RestController
class IdentityController {

	private final Map<String, String> identity;

	IdentityController(IdentityProperties properties, OAuth2ResourceServerProperties resourceServer) {
		Map<String, String> identity = new LinkedHashMap<>();
		identity.put("issuer", resourceServer.getJwt().getIssuerUri());
		identity.put("tokenEndpoint", properties.tokenEndpoint());
		this.identity = identity;
	}

	@GetMapping("/identity")
	Map<String, String> identity() {
		return this.identity;
	}

}
