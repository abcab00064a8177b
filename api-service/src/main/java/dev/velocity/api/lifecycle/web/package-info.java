/**
 * {@code POST /admin/sales/{saleId}/archive} and its problems.
 */
@NullMarked
package dev.velocity.api.lifecycle.web;

import org.jspecify.annotations.NullMarked;
