/**
 * The waiting room's HTTP: shoppers join and ask, admins configure and watch.
 */
@NullMarked
package dev.velocity.api.waitingroom.web;

import org.jspecify.annotations.NullMarked;
