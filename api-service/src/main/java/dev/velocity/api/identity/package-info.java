/**
 * Who may do what: the security filter chain, token verification, the admin authority,
 * {@code GET /identity}.
 */
@NullMarked
package dev.velocity.api.identity;

import org.jspecify.annotations.NullMarked;
