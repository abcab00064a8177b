/**
 * Order intake: messages to stored orders, knowing no SDK type.
 */
@NullMarked
package dev.velocity.worker.order;

import org.jspecify.annotations.NullMarked;
