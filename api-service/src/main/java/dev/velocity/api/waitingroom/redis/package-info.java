/**
 * The waiting room's queue in Redis (room-join, room-admit and room-leave scripts).
 */
@NullMarked
package dev.velocity.api.waitingroom.redis;

import org.jspecify.annotations.NullMarked;
