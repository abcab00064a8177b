package dev.velocity.api.order.web;

import dev.velocity.api.order.DeadLetters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders DLQ: its depth, and a redrive back to the orders queue. */
@RestController
class DeadLetterAdminController {

	private final DeadLetters deadLetters;

	DeadLetterAdminController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	/**
	 * Depth of the DLQ.
	 *
	 * @param depth messages waiting
	 */
	record DeadLetterDepth(long depth) {

	}

	/**
	 * Result of a redrive.
	 *
	 * @param moved messages moved back to the orders queue
	 * @param remaining messages still in the DLQ
	 */
	record Redriven(int moved, long remaining) {

	}

	@GetMapping("/admin/dead-letters")
	DeadLetterDepth depth() {
		return new DeadLetterDepth(this.deadLetters.depth());
	}

	@PostMapping("/admin/dead-letters/redrive")
	Redriven redrive(@RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int max) {
		int moved = this.deadLetters.redrive(max);
		return new Redriven(moved, this.deadLetters.depth());
	}

}
