package dev.velocity.api.waitingroom.web;

import dev.velocity.api.inventory.SaleCatalog;
import dev.velocity.api.inventory.SaleNotFound;
import dev.velocity.api.waitingroom.NoWaitingRoom;
import dev.velocity.api.waitingroom.RoomArchive;
import dev.velocity.api.waitingroom.RoomSettings;
import dev.velocity.api.waitingroom.RoomStatus;
import dev.velocity.api.waitingroom.WaitingRoom;
import dev.velocity.api.web.Ids;
import dev.velocity.api.web.ProblemResponses;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A sale's waiting room for its admin ({@code /admin/**} needs the admin authority): turn
 * it on or change it while the sale runs (rate up or down, pause), watch it, turn it off.
 */
@RestController
@RequestMapping("/admin/sales/{saleId}/waiting-room")
class WaitingRoomAdminController {

	private final WaitingRoom rooms;

	private final SaleCatalog catalog;

	private final RoomArchive archive;

	WaitingRoomAdminController(WaitingRoom rooms, SaleCatalog catalog, RoomArchive archive) {
		this.rooms = rooms;
		this.catalog = catalog;
		this.archive = archive;
	}

	@PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@ProblemResponses({ "sale-not-found", "no-waiting-room", "unsupported-media-type" })
	RoomStatus put(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId,
			@Valid @RequestBody RoomSettings settings) {
		if (this.catalog.find(saleId).isEmpty()) {
			throw new SaleNotFound(saleId);
		}
		// The durable record first: a sale rebuilt after Redis lost it reopens behind its
		// room.
		this.archive.save(saleId, settings);
		this.rooms.configure(saleId, settings);
		return get(saleId);
	}

	@GetMapping
	@ProblemResponses("no-waiting-room")
	RoomStatus get(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		return this.rooms.status(saleId).orElseThrow(() -> new NoWaitingRoom(saleId));
	}

	@DeleteMapping
	@ApiResponse(responseCode = "204", description = "Removed: purchases need no admission")
	ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = Ids.SALE_ID_PATTERN) String saleId) {
		this.archive.remove(saleId);
		this.rooms.remove(saleId);
		return ResponseEntity.noContent().build();
	}

}
