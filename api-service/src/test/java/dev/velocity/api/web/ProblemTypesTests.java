package dev.velocity.api.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Each feature declares its problem types in a {@code *ProblemTypes} class of its own:
 * together they are the API's contract, so no two share a type URI.
 */
class ProblemTypesTests {

	@Test
	void everyProblemTypeOfEveryFeatureHasATypeOfItsOwn() {
		List<ProblemType> types = ProblemTypes.all();

		assertThat(types).extracting(ApiDocs::slug)
			.contains("invalid-request", "sold-out", "sale-not-found", "order-not-found", "rebuild-unavailable",
					"no-waiting-room");
		assertThat(types).hasSizeGreaterThanOrEqualTo(20);
		assertThat(types).extracting(ProblemType::type).doesNotHaveDuplicates();
		assertThat(types).allSatisfy((type) -> {
			assertThat(type.type().toString()).startsWith(ProblemType.BASE);
			assertThat(type.title()).isNotBlank();
		});
	}

	@Test
	void findsATypeByItsSlugAndRefusesOneNoFeatureDeclares() {
		assertThat(ProblemTypes.named("sold-out").status().value()).isEqualTo(409);
		assertThatIllegalArgumentException().isThrownBy(() -> ProblemTypes.named("no-such-problem"));
	}

}
