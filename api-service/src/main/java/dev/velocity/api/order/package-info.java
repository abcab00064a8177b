/**
 * Orders after the purchase: the hand-off to the queue, the outbox relay, confirmed
 * orders.
 */
@NullMarked
package dev.velocity.api.order;

import org.jspecify.annotations.NullMarked;
