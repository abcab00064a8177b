/**
 * The purchase path: the sold-out gate, the atomic reservation, rate limits, outcomes.
 */
@NullMarked
package dev.velocity.api.purchase;

import org.jspecify.annotations.NullMarked;
