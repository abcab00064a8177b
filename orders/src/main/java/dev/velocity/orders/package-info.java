/**
 * The orders contract: the queue's messages, the table's names, shape, items and pages.
 */
@NullMarked
package dev.velocity.orders;

import org.jspecify.annotations.NullMarked;
