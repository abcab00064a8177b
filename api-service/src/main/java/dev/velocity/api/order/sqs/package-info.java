/**
 * The orders queue: group-commit sends, backlog and dead letters.
 */
@NullMarked
package dev.velocity.api.order.sqs;

import org.jspecify.annotations.NullMarked;
