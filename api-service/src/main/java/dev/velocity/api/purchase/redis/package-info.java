/**
 * The reservation as one {@code purchase.lua} call.
 */
@NullMarked
package dev.velocity.api.purchase.redis;

import org.jspecify.annotations.NullMarked;
