package dev.velocity.api.waitingroom.web;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.velocity.api.waitingroom.AdmissionTokens;
import dev.velocity.api.waitingroom.Place;
import dev.velocity.api.waitingroom.WaitingRoom;
import dev.velocity.api.waitingroom.WaitingRoomProperties;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A signed-in shopper in a sale's waiting room: {@code POST} joins (again: the same
 * place), {@code GET} asks where they stand (and keeps the place: a shopper who stops
 * asking for longer than the grace period loses it), {@code DELETE} leaves. Once
 * admitted, the answer carries the admission token {@code POST /buy} needs. Each
 * shopper's calls are limited per instance ({@link QueueCallLimit}): 429
 * {@code rate-limited} with {@code Retry-After} past it.
 */
@RestController
@RequestMapping("/sales/{saleId}/queue")
@ProblemResponses({ "no-waiting-room", "rate-limited" })
class QueueController {

	private final WaitingRoom rooms;

	private final AdmissionTokens admissions;

	private final long pollAfterSeconds;

	private final QueueCallLimit limit;

	QueueController(WaitingRoom rooms, AdmissionTokens admissions, WaitingRoomProperties properties) {
		this.rooms = rooms;
		this.admissions = admissions;
		this.pollAfterSeconds = Math.max(1, properties.pollAfter().toSeconds());
		this.limit = new QueueCallLimit(properties.callsPerSecond(), properties.callBurst(),
				properties.maxLimitedShoppers(), Ticker.systemTicker());
	}

	@PostMapping
	QueueAnswer join(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId, Authentication shopper) {
		limit(shopper);
		return answer(saleId, shopper.getName(), this.rooms.join(saleId, shopper.getName()));
	}

	@GetMapping
	QueueAnswer look(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId, Authentication shopper) {
		limit(shopper);
		return answer(saleId, shopper.getName(), this.rooms.look(saleId, shopper.getName()));
	}

	@DeleteMapping
	@ApiResponse(responseCode = "204", description = "Left: the place or admission is free")
	ResponseEntity<Void> leave(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
			Authentication shopper) {
		limit(shopper);
		this.rooms.leave(saleId, shopper.getName());
		return ResponseEntity.noContent().build();
	}

	private void limit(Authentication shopper) {
		long retryAfter = this.limit.take(shopper.getName());
		if (retryAfter > 0) {
			throw new QueueCallsLimited(retryAfter);
		}
	}

	private QueueAnswer answer(String saleId, String shopper, Place place) {
		Long estimate = (place.ahead() != null && place.admissionsPerSecond() > 0)
				? (long) Math.ceil((place.ahead() + 1) / place.admissionsPerSecond()) : null;
		String admission = (place.state() == Place.State.ADMITTED && place.at() != null)
				? this.admissions.issue(saleId, shopper, place.at()) : null;
		return new QueueAnswer(saleId, place.state(), place.ahead(), place.waiting(), estimate, this.pollAfterSeconds,
				place.remaining(), admission, place.at(), place.served());
	}

}
