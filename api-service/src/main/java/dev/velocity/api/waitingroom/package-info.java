/**
 * The waiting room: a fair queue in front of a sale's Buy button, its inlet and the
 * admissions it hands out.
 */
@NullMarked
package dev.velocity.api.waitingroom;

import org.jspecify.annotations.NullMarked;
