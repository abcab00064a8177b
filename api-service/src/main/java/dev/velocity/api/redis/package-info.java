/**
 * Shared plumbing: the Lettuce client's behaviour, the Lua scripts, and what they store
 * and answer.
 */
@NullMarked
package dev.velocity.api.redis;

import org.jspecify.annotations.NullMarked;
