/**
 * The waiting rooms' durable record, as items of the orders table.
 */
@NullMarked
package dev.velocity.api.waitingroom.dynamodb;

import org.jspecify.annotations.NullMarked;
