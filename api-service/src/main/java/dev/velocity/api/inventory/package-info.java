/**
 * Sales: their definitions, stock and states, and the catalog port.
 */
@NullMarked
package dev.velocity.api.inventory;

import org.jspecify.annotations.NullMarked;
