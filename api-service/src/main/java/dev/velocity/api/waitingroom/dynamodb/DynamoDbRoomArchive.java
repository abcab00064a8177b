package dev.velocity.api.waitingroom.dynamodb;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.velocity.api.dynamodb.DynamoDbProperties;
import dev.velocity.api.waitingroom.RoomArchive;
import dev.velocity.api.waitingroom.RoomSettings;
import dev.velocity.orders.OrderTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.stereotype.Component;

/**
 * Waiting rooms as items of the orders table, beside their sale's: key
 * {@code sale#<saleId>#room} (the API's task role may put {@code sale#} items only, and
 * never delete: a room taken away is an item that says so). Not on the listing index.
 */
@Component
class DynamoDbRoomArchive implements RoomArchive {

	private final DynamoDbClient client;

	private final String table;

	DynamoDbRoomArchive(DynamoDbClient client, DynamoDbProperties properties) {
		this.client = client;
		this.table = properties.ordersTable();
	}

	@Override
	public void save(String saleId, RoomSettings settings) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId)));
		item.put("enabled", AttributeValue.fromBool(true));
		if (settings.opensAt() != null) {
			item.put("opensAt", AttributeValue.fromS(settings.opensAt().toString()));
		}
		item.put("admissionsPerSecond", AttributeValue.fromN(String.valueOf(settings.admissionsPerSecond())));
		item.put("admissionSeconds", AttributeValue.fromN(String.valueOf(settings.admissionSeconds())));
		item.put("maxActive", AttributeValue.fromN(String.valueOf(settings.maxActive())));
		item.put("paused", AttributeValue.fromBool(settings.paused()));
		item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
		this.client.putItem((put) -> put.tableName(this.table).item(item));
	}

	@Override
	public void remove(String saleId) {
		this.client.putItem((put) -> put.tableName(this.table)
			.item(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId)), "enabled",
					AttributeValue.fromBool(false), "updatedAt", AttributeValue.fromS(Instant.now().toString()))));
	}

	@Override
	public Optional<RoomSettings> find(String saleId) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId))))
				.consistentRead(true))
			.item();
		if (item == null || item.isEmpty() || !Boolean.TRUE.equals(item.get("enabled").bool())) {
			return Optional.empty();
		}
		return Optional.of(new RoomSettings(item.containsKey("opensAt") ? Instant.parse(item.get("opensAt").s()) : null,
				Double.valueOf(item.get("admissionsPerSecond").n()), Integer.valueOf(item.get("admissionSeconds").n()),
				Integer.valueOf(item.get("maxActive").n()), item.get("paused").bool()));
	}

	private static String key(String saleId) {
		return "sale#" + saleId + "#room";
	}

}
