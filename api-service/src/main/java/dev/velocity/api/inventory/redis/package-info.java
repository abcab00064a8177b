/**
 * The sale catalog on Redis (definitions, stock, rebuilds).
 */
@NullMarked
package dev.velocity.api.inventory.redis;

import org.jspecify.annotations.NullMarked;
