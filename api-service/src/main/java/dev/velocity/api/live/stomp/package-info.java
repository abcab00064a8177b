/**
 * The STOMP endpoint: coalesced stock snapshots to subscribers, and what clients may
 * send.
 */
@NullMarked
package dev.velocity.api.live.stomp;

import org.jspecify.annotations.NullMarked;
