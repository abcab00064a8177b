/**
 * The HTTP edge every feature uses: problems, JSON on the hot path, client addresses,
 * body and URL checks.
 */
@NullMarked
package dev.velocity.api.web;

import org.jspecify.annotations.NullMarked;
