package dev.velocity.api.waitingroom.web;

import dev.velocity.api.web.ProblemType;

import org.springframework.http.HttpStatus;

/** The waiting room's problems. */
final class WaitingRoomProblemTypes {

	static final ProblemType NO_WAITING_ROOM = ProblemType.of("no-waiting-room", HttpStatus.NOT_FOUND,
			"No waiting room");

	private WaitingRoomProblemTypes() {
	}

}
