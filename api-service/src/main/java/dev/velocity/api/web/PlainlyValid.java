package dev.velocity.api.web;

/**
 * A request body that can tell, without Bean Validation, that its constraints hold.
 * {@link JsonExchange#read} then skips the validator: on the hot path ({@code POST /buy})
 * it was 6% of a sold-out answer's CPU. Only when the quick check says no does the
 * validator run, so an invalid body gets exactly the violations it would have got. A
 * body's quick check must agree with its annotations; each one is compared with the
 * validator on generated bodies.
 */
public interface PlainlyValid {

	/**
	 * Whether Bean Validation would find no violation.
	 * @return {@code true} only when the validator would find none
	 */
	boolean plainlyValid();

}
