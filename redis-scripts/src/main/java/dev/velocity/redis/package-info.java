/**
 * The Lua scripts (resources beside this package) and the Redis key layout of a sale.
 */
@NullMarked
package dev.velocity.redis;

import org.jspecify.annotations.NullMarked;
