package dev.velocity.localservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real token issuer on loopback, standing in for the shop's identity provider: it signs
 * RS256 access tokens with a key of its own and publishes the public key as a JWK set
 * over HTTP, so the API verifies its tokens exactly as it would Cognito's, Auth0's or
 * Keycloak's. Signing is nimbus-jose-jwt's (the library Spring Security verifies with).
 *
 * <p>
 * Its token endpoint ({@code POST /token}, form-encoded) knows two grants:
 * {@code grant_type=password&username=alice} signs any shopper name in, without a
 * password (a local stand-in, never a production provider), as subject {@code alice}
 * (names are lower-cased: one shopper, one subject); and
 * {@code grant_type=client_credentials&client_id=velocity-admin&client_secret=...} gives
 * an admin token (scope {@value #ADMIN_SCOPE}) to whoever knows the secret.
 */
public final class LocalIssuer implements AutoCloseable {

	/** The audience every token names and the API requires. */
	public static final String AUDIENCE = "velocity-api";

	/** The scope of admin tokens. */
	public static final String ADMIN_SCOPE = "velocity.admin";

	/** The scope of shopper tokens. */
	public static final String SHOPPER_SCOPE = "velocity.shop";

	/** The admin client's id at the token endpoint. */
	public static final String ADMIN_CLIENT = "velocity-admin";

	/** How long a token the endpoint issues lasts. */
	public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	/** Shopper names the local issuer signs in: its own rule, as any provider has one. */
	private static final Pattern SHOPPER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

	private static final int MAX_FORM_BYTES = 4096;

	private final RSAKey key;

	private final RSASSASigner signer;

	private final String adminSecret;

	private final HttpServer server;

	private final URI issuer;

	private LocalIssuer(int port, String adminSecret) throws IOException, JOSEException {
		this.key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		this.signer = new RSASSASigner(this.key);
		this.adminSecret = adminSecret;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
		this.issuer = URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
		this.server.createContext("/.well-known/openid-configuration", this::discovery);
		this.server.createContext("/jwks", this::jwks);
		this.server.createContext("/token", this::token);
		this.server.setExecutor(Executors.newFixedThreadPool(2, (runnable) -> {
			Thread thread = new Thread(runnable, "velocity-local-issuer");
			thread.setDaemon(true);
			return thread;
		}));
		this.server.start();
	}

	/**
	 * Starts an issuer on loopback.
	 * @param port its port ({@code 0} for a free one)
	 * @param adminSecret the admin client's secret
	 * @return the running issuer
	 */
	public static LocalIssuer start(int port, String adminSecret) {
		try {
			return new LocalIssuer(port, adminSecret);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The {@code iss} of its tokens. */
	public URI issuer() {
		return this.issuer;
	}

	/** Where its public keys are published. */
	public URI jwkSetUri() {
		return this.issuer.resolve("/jwks");
	}

	/** Where tokens are issued. */
	public URI tokenEndpoint() {
		return this.issuer.resolve("/token");
	}

	public String adminSecret() {
		return this.adminSecret;
	}

	/**
	 * A shopper's token, as the token endpoint would issue it.
	 * @param shopper the subject
	 * @return the signed token
	 */
	public String shopperToken(String shopper) {
		return sign(claims(shopper, SHOPPER_SCOPE).build());
	}

	/** An admin token, as the token endpoint would issue it. */
	public String adminToken() {
		return sign(claims(ADMIN_CLIENT, ADMIN_SCOPE).build());
	}

	/**
	 * The claims of a token it would issue now, to sign as they are or changed (an
	 * expired token, another audience).
	 * @param subject the subject
	 * @param scope the scope
	 * @return the claims
	 */
	public JWTClaimsSet.Builder claims(String subject, String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.issuer.toString())
			.subject(subject)
			.audience(AUDIENCE)
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
			.jwtID(UUID.randomUUID().toString())
			.claim("scope", scope);
	}

	/**
	 * Signs claims with this issuer's key.
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public String sign(JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private void discovery(HttpExchange exchange) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("issuer", this.issuer.toString());
		body.put("jwks_uri", jwkSetUri().toString());
		body.put("token_endpoint", tokenEndpoint().toString());
		body.put("grant_types_supported", List.of("password", "client_credentials"));
		body.put("id_token_signing_alg_values_supported", List.of("RS256"));
		answer(exchange, 200, body);
	}

	private void jwks(HttpExchange exchange) throws IOException {
		answer(exchange, 200, new JWKSet(this.key.toPublicJWK()).toJSONObject());
	}

	private void token(HttpExchange exchange) throws IOException {
		// The shop page calls it from its own origin.
		exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
		if ("OPTIONS".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Access-Control-Allow-Methods", "POST");
			exchange.getResponseHeaders().set("Access-Control-Allow-Headers", "Content-Type");
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
			return;
		}
		if (!"POST".equals(exchange.getRequestMethod())) {
			answer(exchange, 405, error("invalid_request", "POST only"));
			return;
		}
		Map<String, String> form = form(exchange.getRequestBody());
		if (form == null) {
			answer(exchange, 400, error("invalid_request", "a form of at most " + MAX_FORM_BYTES + " bytes"));
			return;
		}
		String grant = form.getOrDefault("grant_type", "");
		switch (grant) {
			case "password" -> {
				String name = form.getOrDefault("username", "").trim().toLowerCase(Locale.ROOT);
				if (!SHOPPER_NAME.matcher(name).matches()) {
					answer(exchange, 400,
							error("invalid_request", "a shopper name is 1 to 64 letters, digits, '.', '_' or '-'"));
					return;
				}
				answer(exchange, 200, tokenResponse(shopperToken(name), SHOPPER_SCOPE));
			}
			case "client_credentials" -> {
				byte[] presented = form.getOrDefault("client_secret", "").getBytes(StandardCharsets.UTF_8);
				if (!ADMIN_CLIENT.equals(form.get("client_id"))
						|| !MessageDigest.isEqual(presented, this.adminSecret.getBytes(StandardCharsets.UTF_8))) {
					answer(exchange, 401, error("invalid_client", "unknown client or wrong secret"));
					return;
				}
				answer(exchange, 200, tokenResponse(adminToken(), ADMIN_SCOPE));
			}
			default -> answer(exchange, 400, error("unsupported_grant_type", "password or client_credentials"));
		}
	}

	private static Map<String, Object> tokenResponse(String token, String scope) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token);
		body.put("token_type", "Bearer");
		body.put("expires_in", TOKEN_LIFETIME.toSeconds());
		body.put("scope", scope);
		return body;
	}

	private static Map<String, Object> error(String code, String description) {
		return Map.of("error", code, "error_description", description);
	}

	private static Map<String, String> form(InputStream body) throws IOException {
		byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
		if (bytes.length > MAX_FORM_BYTES) {
			return null;
		}
		Map<String, String> form = new LinkedHashMap<>();
		try {
			for (String pair : new String(bytes, StandardCharsets.UTF_8).split("&")) {
				int equals = pair.indexOf('=');
				if (equals > 0) {
					form.putIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
							URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
				}
			}
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return form;
	}

	private static void answer(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
		byte[] bytes = JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, bytes.length);
		try (var out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	@Override
	public String toString() {
		return "issuer " + this.issuer;
	}

}
