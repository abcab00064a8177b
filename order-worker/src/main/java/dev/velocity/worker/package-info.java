/**
 * The order worker: queue to store, idempotently.
 */
@NullMarked
package dev.velocity.worker;

import org.jspecify.annotations.NullMarked;
