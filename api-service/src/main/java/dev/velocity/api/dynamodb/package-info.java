/**
 * Shared plumbing: the API's DynamoDB client and the orders table's settings.
 */
@NullMarked
package dev.velocity.api.dynamodb;

import org.jspecify.annotations.NullMarked;
