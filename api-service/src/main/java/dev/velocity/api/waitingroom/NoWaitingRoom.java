package dev.velocity.api.waitingroom;

/** The sale has no waiting room. */
public class NoWaitingRoom extends RuntimeException {

	public NoWaitingRoom(String saleId) {
		super("Sale '" + saleId + "' has no waiting room");
	}

}
