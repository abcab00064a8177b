package dev.velocity.api.inventory.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.velocity.api.inventory.SaleArchive;
import dev.velocity.api.dynamodb.DynamoDbProperties;
import dev.velocity.orders.OrderTable;
import dev.velocity.api.inventory.SaleDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import org.springframework.stereotype.Component;

/**
 * Sale definitions as items of the orders table (one table to provision, back up and
 * restore): key {@code sale#<saleId>}, listed on the listing index under
 * {@link OrderTable#SALES} as the sale's id. Sale ids start with a letter or digit, so
 * {@code _sales} is no sale's id.
 */
@Component
class DynamoDbSaleArchive implements SaleArchive {

	private final DynamoDbClient client;

	private static final String DELETED = "deletedAt";

	private final String table;

	DynamoDbSaleArchive(DynamoDbClient client, DynamoDbProperties properties) {
		this.client = client;
		this.table = properties.ordersTable();
	}

	@Override
	public void save(String saleId, SaleDefinition definition) {
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId)));
		item.put(OrderTable.LISTED_UNDER, AttributeValue.fromS(OrderTable.SALES));
		item.put(OrderTable.LISTED_AS, AttributeValue.fromS(saleId));
		item.put("name", AttributeValue.fromS(definition.name()));
		item.put("stock", AttributeValue.fromN(String.valueOf(definition.stock())));
		if (definition.perUserLimit() != null) {
			item.put("perUserLimit", AttributeValue.fromN(String.valueOf(definition.perUserLimit())));
		}
		if (definition.startsAt() != null) {
			item.put("startsAt", AttributeValue.fromS(definition.startsAt().toString()));
		}
		if (definition.endsAt() != null) {
			item.put("endsAt", AttributeValue.fromS(definition.endsAt().toString()));
		}
		item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
		this.client.putItem((put) -> put.tableName(this.table).item(item));
	}

	@Override
	public Optional<SaleDefinition> find(String saleId) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId))))
				.consistentRead(true))
			.item();
		if (item == null || item.isEmpty() || item.containsKey(DELETED)) {
			return Optional.empty();
		}
		return Optional.of(new SaleDefinition(item.get("name").s(), Long.parseLong(item.get("stock").n()),
				item.containsKey("perUserLimit") ? Long.valueOf(item.get("perUserLimit").n()) : null,
				item.containsKey("startsAt") ? Instant.parse(item.get("startsAt").s()) : null,
				item.containsKey("endsAt") ? Instant.parse(item.get("endsAt").s()) : null));
	}

	/**
	 * The API's role may put items, never delete them: a forgotten sale is an item that
	 * says so, out of the listing index.
	 */
	@Override
	public void remove(String saleId) {
		this.client.putItem((put) -> put.tableName(this.table)
			.item(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId)), DELETED,
					AttributeValue.fromS(Instant.now().toString()))));
	}

	@Override
	public List<String> saleIds() {
		List<String> saleIds = new ArrayList<>();
		for (QueryResponse page : this.client.queryPaginator((query) -> query.tableName(this.table)
			.indexName(OrderTable.LISTING_INDEX)
			.keyConditionExpression("#under = :sales")
			.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER))
			.expressionAttributeValues(Map.of(":sales", AttributeValue.fromS(OrderTable.SALES))))) {
			page.items().forEach((item) -> saleIds.add(item.get(OrderTable.LISTED_AS).s()));
		}
		return saleIds;
	}

	private static String key(String saleId) {
		return "sale#" + saleId;
	}

}
