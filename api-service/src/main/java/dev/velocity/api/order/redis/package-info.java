/**
 * The outbox and accepted orders in Redis.
 */
@NullMarked
package dev.velocity.api.order.redis;

import org.jspecify.annotations.NullMarked;
