/**
 * The AWS clients both services build, in one place.
 */
@NullMarked
package dev.velocity.aws;

import org.jspecify.annotations.NullMarked;
