/**
 * The books of every sale, and rebuilding a sale Redis lost.
 */
@NullMarked
package dev.velocity.api.reconciliation;

import org.jspecify.annotations.NullMarked;
