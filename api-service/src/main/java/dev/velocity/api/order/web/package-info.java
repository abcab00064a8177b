/**
 * Order lookup and dead-letter admin over HTTP, and their problems.
 */
@NullMarked
package dev.velocity.api.order.web;

import org.jspecify.annotations.NullMarked;
