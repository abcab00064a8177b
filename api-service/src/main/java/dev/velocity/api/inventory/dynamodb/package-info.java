/**
 * The sales' durable definitions in the orders table.
 */
@NullMarked
package dev.velocity.api.inventory.dynamodb;

import org.jspecify.annotations.NullMarked;
