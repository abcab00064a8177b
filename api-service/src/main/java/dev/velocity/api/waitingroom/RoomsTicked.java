package dev.velocity.api.waitingroom;

import java.util.List;

/**
 * One tick of every waiting room's inlet on this instance.
 *
 * @param rooms each room as its tick left it (the rooms that exist now, and only those)
 */
public record RoomsTicked(List<RoomTick> rooms) {

}
