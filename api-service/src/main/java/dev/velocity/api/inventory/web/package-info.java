/**
 * Sale administration and the public sale listing over HTTP, and their problems.
 */
@NullMarked
package dev.velocity.api.inventory.web;

import org.jspecify.annotations.NullMarked;
