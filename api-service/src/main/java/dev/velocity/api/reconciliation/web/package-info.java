/**
 * The books and rebuilds over HTTP, and their problems.
 */
@NullMarked
package dev.velocity.api.reconciliation.web;

import org.jspecify.annotations.NullMarked;
