/**
 * The order store on DynamoDB: batch reads and batch writes.
 */
@NullMarked
package dev.velocity.worker.order.dynamodb;

import org.jspecify.annotations.NullMarked;
