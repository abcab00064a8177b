package dev.velocity.api.purchase.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase body's quick check, which lets a valid body skip Bean Validation, says
 * "valid" exactly when the validator finds nothing: on generated bodies near every edge
 * of its constraints (blank, too long, a leading dash, controls and non-ASCII, quantities
 * around 1 and the maximum). And its plain reader, which skips Jackson's binder, reads
 * what the binder reads or leaves the body to it.
 */
class PurchaseRequestTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

	/** The API's own: Spring Boot's, as {@code application.yml} configures it. */
	private static final JsonMapper json = apiMapper();

	@AfterContainer
	static void close() {
		factory.close();
	}

	@Provide
	Arbitrary<String> ids() {
		Arbitrary<String> plain = Arbitraries.strings().withChars("aZ09_-").ofMinLength(0).ofMaxLength(70);
		Arbitrary<String> tricky = Arbitraries.strings()
			.withChars('a', '-', ' ', '\t', '\u007f', '\u00e9', '!', '~', '\u0000', '\u2028')
			.ofMaxLength(12);
		return Arbitraries.oneOf(plain, tricky, Arbitraries.strings().all().ofMaxLength(10),
				Arbitraries.strings().withChars("!~aZ").ofMinLength(120).ofMaxLength(140), Arbitraries.just(null));
	}

	@Provide
	Arbitrary<Integer> quantities() {
		return Arbitraries.oneOf(Arbitraries.integers().between(-2, 3), Arbitraries.integers().between(998, 1002),
				Arbitraries.integers(), Arbitraries.just(null));
	}

	@Property(tries = 5000)
	void theQuickCheckSaysValidExactlyWhenTheValidatorFindsNothing(@ForAll("ids") String saleId,
			@ForAll("ids") String userId, @ForAll("quantities") Integer quantity) {
		PurchaseRequest body = new PurchaseRequest(saleId, userId, quantity);
		assertThat(body.plainlyValid()).as("%s", body).isEqualTo(validator.validate(body).isEmpty());
	}

	@Provide
	Arbitrary<String> bodies() {
		Arbitrary<String> strings = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12),
				Arbitraries.strings().withChars("aZ09_-").ofMinLength(1).ofMaxLength(20));
		Arbitrary<String> stringValues = strings.map(json::writeValueAsString);
		Arbitrary<String> otherValues = Arbitraries.of("null", "1", "0", "-3", "1.5", "2.0", "1e2", "3000000000",
				"99999999999999999999", "true", "\"2\"", "[]", "{}", "\"\"");
		Arbitrary<String> values = Arbitraries.oneOf(stringValues, otherValues,
				Arbitraries.integers().between(-2, 1002).map(String::valueOf));
		Arbitrary<String> names = Arbitraries.of("saleId", "userId", "quantity", "saleid", "other", "sale\\u0049d");
		Arbitrary<String> entries = Combinators.combine(names, values).as((name, value) -> "\"" + name + "\":" + value);
		Arbitrary<String> objects = entries.list().ofMaxSize(5).map((list) -> "{" + String.join(",", list) + "}");
		Arbitrary<String> trailing = Arbitraries.of("", " ", "\n", "x", "{}", ",", "]");
		return Arbitraries.oneOf(Combinators.combine(objects, trailing).as(String::concat),
				Arbitraries.of("", "null", "[]", "\"drop\"", "{", "{\"saleId\"", "{\"saleId\":\"a\",}"));
	}

	@Property(tries = 5000)
	void thePlainReaderReadsWhatTheBinderReadsOrLeavesTheBodyToIt(@ForAll("bodies") String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		PurchaseRequest plain = PurchaseRequest.readPlain(json.createParser(bytes));
		if (plain != null) {
			assertThat(plain).as(body).isEqualTo(bound(bytes));
		}
	}

	@Property(tries = 2000)
	void thePlainReaderTakesEveryBodyAClientWritesFromTheRequest(@ForAll("ids") String saleId,
			@ForAll("ids") String userId, @ForAll("quantities") Integer quantity) {
		for (List<String> order : List.of(List.of("saleId", "userId", "quantity"),
				List.of("quantity", "userId", "saleId"))) {
			StringBuilder body = new StringBuilder("{");
			for (String name : order) {
				Object value = switch (name) {
					case "saleId" -> saleId;
					case "userId" -> userId;
					default -> quantity;
				};
				if (value != null) {
					body.append((body.length() > 1) ? "," : "").append('"').append(name).append("\":");
					body.append(json.writeValueAsString(value));
				}
			}
			byte[] bytes = body.append('}').toString().getBytes(StandardCharsets.UTF_8);
			// The binder's reading, not the request: a lone surrogate does not survive
			// UTF-8.
			assertThat(PurchaseRequest.readPlain(json.createParser(bytes))).as(body.toString())
				.isNotNull()
				.isEqualTo(bound(bytes));
		}
	}

	private static JsonMapper apiMapper() {
		AtomicReference<JsonMapper> mapper = new AtomicReference<>();
		new ApplicationContextRunner().withInitializer(new ConfigDataApplicationContextInitializer())
			.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
			.run((context) -> mapper.set(context.getBean(JsonMapper.class)));
		return mapper.get();
	}

	private static Object bound(byte[] body) {
		try {
			return json.readValue(body, PurchaseRequest.class);
		}
		catch (JacksonException ex) {
			return ex.getClass().getSimpleName();
		}
	}

	@Test
	void edgesOfEachConstraint() {
		assertThat(new PurchaseRequest("drop-1", null, null).plainlyValid()).isTrue();
		assertThat(new PurchaseRequest("a".repeat(64), "u".repeat(128), 1000).plainlyValid()).isTrue();
		assertThat(new PurchaseRequest("a".repeat(65), null, 1).plainlyValid()).isFalse();
		assertThat(new PurchaseRequest("-drop", null, 1).plainlyValid()).isFalse();
		assertThat(new PurchaseRequest(" ", null, 1).plainlyValid()).isFalse();
		assertThat(new PurchaseRequest("drop", "", 1).plainlyValid()).isFalse();
		assertThat(new PurchaseRequest("drop", null, 0).plainlyValid()).isFalse();
		assertThat(new PurchaseRequest("drop", null, 1001).plainlyValid()).isFalse();
	}

}
