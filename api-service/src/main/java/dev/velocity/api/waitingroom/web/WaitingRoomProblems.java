package dev.velocity.api.waitingroom.web;

import dev.velocity.api.waitingroom.NoWaitingRoom;
import dev.velocity.api.web.HttpProblemTypes;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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

	@ExceptionHandler(QueueCallsLimited.class)
	ResponseEntity<ProblemDetail> limited(QueueCallsLimited ex) {
		ProblemDetail problem = HttpProblemTypes.RATE_LIMITED.problem(ex.getMessage());
		problem.setProperty("scope", "shopper");
		return ResponseEntity.status(problem.getStatus())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(ex.retryAfterSeconds()))
			.body(problem);
	}

}
