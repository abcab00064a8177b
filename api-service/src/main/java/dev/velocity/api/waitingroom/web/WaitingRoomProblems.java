package dev.velocity.api.waitingroom.web;

import dev.velocity.api.waitingroom.NoWaitingRoom;

import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The waiting room's failures as problems (ahead of the catch-all in {@code web}). */
@RestControllerAdvice
@Order(0)
class WaitingRoomProblems {

	@ExceptionHandler(NoWaitingRoom.class)
	ProblemDetail noWaitingRoom(NoWaitingRoom ex) {
		return WaitingRoomProblemTypes.NO_WAITING_ROOM.problem(ex.getMessage());
	}

}
