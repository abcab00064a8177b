/**
 * A waiting room's counts and state on {@code /topic/queue/{saleId}}.
 */
@NullMarked
package dev.velocity.api.waitingroom.stomp;

import org.jspecify.annotations.NullMarked;
