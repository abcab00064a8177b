package dev.velocity.api.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problems an operation answers besides those every operation may ({@code
 * invalid-request}, {@code unavailable}, {@code internal}, and {@code unauthorized} /
 * {@code forbidden} where a token is needed): the OpenAPI document lists them under their
 * statuses.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface ProblemResponses {

	/** Slugs of the problem types ({@code sale-not-found}, ...). */
	String[] value();

}
