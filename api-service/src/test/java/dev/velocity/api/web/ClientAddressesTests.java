package dev.velocity.api.web;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** Which address a request is counted against, behind trusted proxies or none. */
class ClientAddressesTests {

	private static ClientAddresses trusting(String... proxies) {
		return new ClientAddresses(new WebProperties(DataSize.ofKilobytes(16), Duration.ofSeconds(10),
				Duration.ofSeconds(30), List.of(proxies), "default-src 'self'"));
	}

	private static MockHttpServletRequest from(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

	@Test
	void believesNoHeaderWithoutTrustedProxies() {
		assertThat(trusting().of(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
	}

	@Test
	void takesTheHopTheTrustedBalancerSaw() {
		assertThat(trusting("10.0.0.0/16").of(from("10.0.3.7", "203.0.113.9"))).isEqualTo("203.0.113.9");
	}

	@Test
	void ignoresWhatTheClientWroteLeftOfTheBalancersEntry() {
		ClientAddresses addresses = trusting("10.0.0.0/16");

		assertThat(addresses.of(from("10.0.3.7", "1.2.3.4, 5.6.7.8, 203.0.113.9"))).isEqualTo("203.0.113.9");
	}

	@Test
	void walksBackThroughSeveralTrustedProxies() {
		ClientAddresses addresses = trusting("10.0.0.0/16", "192.168.0.0/24");

		assertThat(addresses.of(from("10.0.3.7", "1.2.3.4, 203.0.113.9, 192.168.0.5"))).isEqualTo("203.0.113.9");
	}

	@Test
	void ignoresAHeaderFromAPeerThatIsNotTrusted() {
		assertThat(trusting("10.0.0.0/16").of(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
	}

	@Test
	void stopsAtAnEntryThatIsNoAddress() {
		ClientAddresses addresses = trusting("10.0.0.0/16");

		assertThat(addresses.of(from("10.0.3.7", "203.0.113.9, evil.example"))).isEqualTo("10.0.3.7");
		assertThat(addresses.of(from("10.0.3.7", "203.0.113.9, 999.1.1.1"))).isEqualTo("10.0.3.7");
	}

	@Test
	void countsAnIpv6ClientByItsSlash64() {
		ClientAddresses addresses = trusting();

		assertThat(addresses.of(from("2001:db8:1:2:aaaa::1", null)))
			.isEqualTo(addresses.of(from("2001:db8:1:2:ffff:1:2:3", null)))
			.isEqualTo("2001:db8:1:2::/64");
		assertThat(addresses.of(from("2001:db8:1:3::1", null))).isNotEqualTo("2001:db8:1:2::/64");
	}

	@Test
	void neverLooksANameUp() {
		assertThat(ClientAddresses.literal("localhost")).isNull();
		assertThat(ClientAddresses.literal("example.com")).isNull();
		assertThat(ClientAddresses.literal("1.2.3")).isNull();
		assertThat(ClientAddresses.literal("::1")).isNotNull();
	}

}
