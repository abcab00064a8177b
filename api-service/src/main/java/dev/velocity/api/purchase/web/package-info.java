/**
 * {@code POST /buy} as a servlet of its own, and its problems.
 */
@NullMarked
package dev.velocity.api.purchase.web;

import org.jspecify.annotations.NullMarked;
