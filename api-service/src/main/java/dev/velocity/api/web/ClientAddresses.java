package dev.velocity.api.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The client's address, for per-address limits. Behind a load balancer the peer is the
 * balancer, and {@code X-Forwarded-For} holds the hops it saw: the client is the first
 * hop, counted from the right, that is not a trusted proxy. Entries left of it are
 * whatever the client chose to send and are never believed. IPv6 clients count by their
 * /64, the block one subscriber holds.
 */
@Component
public class ClientAddresses {

	private static final String FORWARDED_FOR = "X-Forwarded-For";

	private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private final List<IpAddressMatcher> trusted;

	ClientAddresses(WebProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(IpAddressMatcher::new).toList();
	}

	/**
	 * The client's address.
	 * @param request the request
	 * @return its normalized address (an IPv6 one as its /64)
	 */
	public String of(HttpServletRequest request) {
		String client = request.getRemoteAddr();
		if (!this.trusted.isEmpty() && isTrusted(client)) {
			String header = request.getHeader(FORWARDED_FOR);
			String[] hops = (header != null) ? header.split(",", 32) : new String[0];
			for (int i = hops.length - 1; i >= 0; i--) {
				String hop = hops[i].trim();
				if (literal(hop) == null) {
					// A hop no proxy would write: what is left of it is the client's own.
					break;
				}
				client = hop;
				if (!isTrusted(hop)) {
					break;
				}
			}
		}
		return normalized(client);
	}

	private boolean isTrusted(String address) {
		if (literal(address) == null) {
			return false;
		}
		for (IpAddressMatcher matcher : this.trusted) {
			if (matcher.matches(address)) {
				return true;
			}
		}
		return false;
	}

	static String normalized(@Nullable String address) {
		InetAddress parsed = literal(address);
		if (parsed == null) {
			return "unknown";
		}
		byte[] bytes = parsed.getAddress();
		if (bytes.length == 16) {
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		return parsed.getHostAddress();
	}

	/** An IP literal, parsed without any name lookup; {@code null} for anything else. */
	static @Nullable InetAddress literal(@Nullable String address) {
		if (address == null) {
			return null;
		}
		var v4 = IPV4.matcher(address);
		if (v4.matches()) {
			for (int group = 1; group <= 4; group++) {
				if (Integer.parseInt(v4.group(group)) > 255) {
					return null;
				}
			}
		}
		else if (!IPV6.matcher(address).matches() || address.indexOf(':') < 0) {
			return null;
		}
		try {
			// A literal (checked above) is parsed, never looked up.
			return InetAddress.getByName(address);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
