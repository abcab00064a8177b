package dev.velocity.api.apidocs;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.jspecify.annotations.Nullable;

/**
 * One call to a running API and its answer, as the OpenAPI validator sees them: what the
 * contract tests send and check.
 *
 * @param method the method
 * @param path the path, with its query
 * @param requestHeaders the request's headers
 * @param requestBody the request's body, or {@code null}
 * @param status the answer's status
 * @param responseHeaders the answer's headers (first values)
 * @param responseBody the answer's body
 */
record ApiDocsExchange(String method, String path, Map<String, String> requestHeaders, @Nullable String requestBody,
		int status, Map<String, String> responseHeaders, String responseBody) {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	static ApiDocsExchange send(String base, String method, String path, Map<String, String> headers,
			@Nullable String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
			.timeout(Duration.ofSeconds(10))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		Map<String, String> answered = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		response.headers().map().forEach((name, values) -> answered.put(name, values.get(0)));
		return new ApiDocsExchange(method, path, headers, body, response.statusCode(), answered, response.body());
	}

	/**
	 * The validator's errors about the answer, and about the request unless it was meant
	 * to be bad.
	 */
	List<String> errors(OpenApiInteractionValidator validator, boolean requestMeantToBeValid) {
		String pathOnly = this.path.contains("?") ? this.path.substring(0, this.path.indexOf('?')) : this.path;
		SimpleResponse.Builder response = SimpleResponse.Builder.status(this.status).withBody(this.responseBody);
		this.responseHeaders.forEach(response::withHeader);
		ValidationReport report;
		if (requestMeantToBeValid) {
			SimpleRequest.Builder request = new SimpleRequest.Builder(this.method, pathOnly);
			if (this.path.contains("?")) {
				for (String pair : this.path.substring(this.path.indexOf('?') + 1).split("&")) {
					String[] parts = pair.split("=", 2);
					request.withQueryParam(parts[0], (parts.length > 1) ? parts[1] : "");
				}
			}
			this.requestHeaders.forEach(request::withHeader);
			if (this.requestBody != null) {
				request.withBody(this.requestBody);
			}
			report = validator.validate(request.build(), response.build());
		}
		else {
			report = validator.validateResponse(pathOnly, Request.Method.valueOf(this.method), response.build());
		}
		return report.getMessages()
			.stream()
			.filter((message) -> message.getLevel() == ValidationReport.Level.ERROR)
			.map((message) -> this.method + " " + this.path + " -> " + this.status + ": " + message.getKey() + ": "
					+ message.getMessage())
			.toList();
	}

}
