/**
 * Live stock: the signals instances share and the broadcast's settings.
 */
@NullMarked
package dev.velocity.api.live;

import org.jspecify.annotations.NullMarked;
