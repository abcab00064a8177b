/**
 * Confirmed orders read from the worker's items and pages.
 */
@NullMarked
package dev.velocity.api.order.dynamodb;

import org.jspecify.annotations.NullMarked;
