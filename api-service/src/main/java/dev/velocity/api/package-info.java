/**
 * The API service: purchases, sale admin, order lookup, live stock; one feature module
 * per package below.
 */
@NullMarked
package dev.velocity.api;

import org.jspecify.annotations.NullMarked;
