/**
 * Stock signals between instances over Redis pub/sub.
 */
@NullMarked
package dev.velocity.api.live.redis;

import org.jspecify.annotations.NullMarked;
