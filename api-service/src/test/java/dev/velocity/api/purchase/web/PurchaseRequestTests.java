package dev.velocity.api.purchase.web;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purchase body's quick check, which lets a valid body skip Bean Validation, says
 * "valid" exactly when the validator finds nothing: on generated bodies near every edge
 * of its constraints (blank, too long, a leading dash, controls and non-ASCII, quantities
 * around 1 and the maximum).
 */
class PurchaseRequestTests {

	private static final ValidatorFactory factory = Validation.buildDefaultValidatorFactory();

	private static final Validator validator = factory.getValidator();

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
