/**
 * The queue's long-poll loops and deletes.
 */
@NullMarked
package dev.velocity.worker.order.sqs;

import org.jspecify.annotations.NullMarked;
