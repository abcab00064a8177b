package dev.velocity.api.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which URLs are refused before anything parses them. */
class MalformedUrlFilterTests {

	@Test
	void refusesPathParametersAndBrokenEscapes() {
		assertThat(MalformedUrlFilter.isMalformed("/sales;a=b")).isTrue();
		assertThat(MalformedUrlFilter.isMalformed("/sales/%zz")).isTrue();
		assertThat(MalformedUrlFilter.isMalformed("/sales/%4")).isTrue();
		assertThat(MalformedUrlFilter.isMalformed("/sales/%")).isTrue();
	}

	@Test
	void passesPlainAndWellEscapedPaths() {
		assertThat(MalformedUrlFilter.isMalformed("/sales/drop-1")).isFalse();
		assertThat(MalformedUrlFilter.isMalformed("/admin/sales/bad%7Bid%7D")).isFalse();
		assertThat(MalformedUrlFilter.isMalformed("/")).isFalse();
	}

}
