/**
 * The end of a sale's life: archiving an ended sale whose books balance, by itself after
 * a delay or on an admin's call, so that Redis lets go of it.
 */
@NullMarked
package dev.velocity.api.lifecycle;

import org.jspecify.annotations.NullMarked;
