package dev.velocity.api.redis;

import java.util.List;

/** Reading the lists the Lua scripts answer with. */
public final class ScriptReplies {

	private ScriptReplies() {
	}

	/**
	 * An element as text.
	 * @param reply the script's reply
	 * @param index the element
	 * @return its text
	 */
	public static String text(List<?> reply, int index) {
		return String.valueOf(reply.get(index));
	}

	/**
	 * An element as a number.
	 * @param reply the script's reply
	 * @param index the element
	 * @return its value
	 */
	public static long number(List<?> reply, int index) {
		return Long.parseLong(text(reply, index));
	}

}
