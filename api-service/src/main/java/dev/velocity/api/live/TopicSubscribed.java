package dev.velocity.api.live;

/**
 * A client's subscription that the broker now serves: a message sent to the destination
 * from now on reaches it. Spring's {@code SessionSubscribeEvent} comes earlier, as the
 * frame is handed to the broker's thread pool, so a message sent on that event can miss
 * the subscriber it was meant for.
 *
 * @param destination the topic subscribed to, as the client wrote it
 */
public record TopicSubscribed(String destination) {

}
