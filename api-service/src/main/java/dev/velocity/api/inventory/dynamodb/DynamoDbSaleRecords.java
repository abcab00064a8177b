package dev.velocity.api.inventory.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.velocity.api.dynamodb.DynamoDbProperties;
import dev.velocity.api.inventory.SaleDefinition;
import dev.velocity.api.inventory.SaleRecord;
import dev.velocity.api.inventory.SaleRecords;
import dev.velocity.orders.OrderTable;
import dev.velocity.orders.OrderTableReads;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import org.springframework.stereotype.Component;

/**
 * Sale records as items of the orders table (one table to provision, back up and
 * restore): key {@code sale#<saleId>}, listed on the listing index as the sale's id under
 * {@link OrderTable#SALES} while Redis has the sale, under {@link OrderTable#DRAFTS} or
 * {@link OrderTable#ARCHIVED_SALES} otherwise. A stage moves the item from one listing to
 * another, so what the reconciler and the live listings read grows with the live sales,
 * not with every sale ever run. Sale ids start with a letter or digit, so no listing is a
 * sale's id.
 */
@Component
class DynamoDbSaleRecords implements SaleRecords {

	private static final String DELETED = "deletedAt";

	private static final String STAGE = "stage";

	private final DynamoDbClient client;

	private final String table;

	DynamoDbSaleRecords(DynamoDbClient client, DynamoDbProperties properties) {
		this.client = client;
		this.table = properties.ordersTable();
	}

	@Override
	public void save(String saleId, SaleDefinition definition) {
		put(new SaleRecord(saleId, definition, SaleRecord.Stage.LIVE, null));
	}

	@Override
	public void saveDraft(String saleId, SaleDefinition definition) {
		put(new SaleRecord(saleId, definition, SaleRecord.Stage.DRAFT, null));
	}

	@Override
	public void archiving(String saleId, SaleDefinition definition, SaleRecord.Figures figures) {
		put(new SaleRecord(saleId, definition, SaleRecord.Stage.ARCHIVING, figures));
	}

	@Override
	public void archived(String saleId, SaleDefinition definition, SaleRecord.Figures figures) {
		put(new SaleRecord(saleId, definition, SaleRecord.Stage.ARCHIVED, figures));
	}

	private void put(SaleRecord record) {
		SaleDefinition definition = record.definition();
		Map<String, AttributeValue> item = new HashMap<>();
		item.put(OrderTable.ORDER_ID, AttributeValue.fromS(key(record.saleId())));
		item.put(OrderTable.LISTED_UNDER, AttributeValue.fromS(listing(record.stage())));
		item.put(OrderTable.LISTED_AS, AttributeValue.fromS(record.saleId()));
		item.put(STAGE, AttributeValue.fromS(record.stage().name()));
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
		if (record.figures() != null) {
			item.put("sold", AttributeValue.fromN(String.valueOf(record.figures().sold())));
			item.put("orders", AttributeValue.fromN(String.valueOf(record.figures().orders())));
			item.put("archivedAt", AttributeValue.fromS(record.figures().archivedAt().toString()));
		}
		item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
		this.client.putItem((put) -> put.tableName(this.table).item(item));
	}

	@Override
	public Optional<SaleDefinition> find(String saleId) {
		return record(saleId).filter(DynamoDbSaleRecords::inRedis).map(SaleRecord::definition);
	}

	@Override
	public Optional<SaleRecord> record(String saleId) {
		Map<String, AttributeValue> item = this.client
			.getItem((get) -> get.tableName(this.table)
				.key(Map.of(OrderTable.ORDER_ID, AttributeValue.fromS(key(saleId))))
				.consistentRead(true))
			.item();
		if (item == null || item.isEmpty() || item.containsKey(DELETED)) {
			return Optional.empty();
		}
		return Optional.of(toRecord(saleId, item));
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
		for (QueryResponse page : this.client.queryPaginator(listing(OrderTable.SALES, null, null))) {
			page.items().forEach((item) -> saleIds.add(item.get(OrderTable.LISTED_AS).s()));
		}
		return saleIds;
	}

	@Override
	public List<SaleRecord> live() {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (QueryResponse page : this.client.queryPaginator(listing(OrderTable.SALES, null, null))) {
			page.items().forEach((item) -> keys.add(Map.of(OrderTable.ORDER_ID, item.get(OrderTable.ORDER_ID))));
		}
		return read(keys).stream().filter(DynamoDbSaleRecords::inRedis).toList();
	}

	@Override
	public List<SaleRecord> page(SaleRecord.Stage stage, @Nullable String after, int limit) {
		if (stage != SaleRecord.Stage.DRAFT && stage != SaleRecord.Stage.ARCHIVED) {
			throw new IllegalArgumentException("Only drafts and archived sales are listed by page, not " + stage);
		}
		List<Map<String, AttributeValue>> keys = this.client.query(listing(listing(stage), after, limit))
			.items()
			.stream()
			.map((item) -> Map.of(OrderTable.ORDER_ID, item.get(OrderTable.ORDER_ID)))
			.toList();
		// A record moved to another listing since the query is not this page's.
		return read(keys).stream().filter((record) -> record.stage() == stage).toList();
	}

	/** The records behind these keys, in order of sale id (BatchGetItem, 100 a call). */
	private List<SaleRecord> read(List<Map<String, AttributeValue>> keys) {
		List<SaleRecord> records = new ArrayList<>();
		OrderTableReads.getAll(this.client, this.table, keys, null, (item) -> {
			if (!item.containsKey(DELETED) && item.containsKey(OrderTable.LISTED_AS)) {
				records.add(toRecord(item.get(OrderTable.LISTED_AS).s(), item));
			}
		});
		records.sort(Comparator.comparing(SaleRecord::saleId));
		return records;
	}

	private QueryRequest listing(String under, @Nullable String after, @Nullable Integer limit) {
		QueryRequest.Builder query = QueryRequest.builder().tableName(this.table).indexName(OrderTable.LISTING_INDEX);
		if (after != null) {
			query.keyConditionExpression("#under = :under AND #as > :after")
				.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER, "#as", OrderTable.LISTED_AS))
				.expressionAttributeValues(
						Map.of(":under", AttributeValue.fromS(under), ":after", AttributeValue.fromS(after)));
		}
		else {
			query.keyConditionExpression("#under = :under")
				.expressionAttributeNames(Map.of("#under", OrderTable.LISTED_UNDER))
				.expressionAttributeValues(Map.of(":under", AttributeValue.fromS(under)));
		}
		if (limit != null) {
			query.limit(limit);
		}
		return query.build();
	}

	private static SaleRecord toRecord(String saleId, Map<String, AttributeValue> item) {
		SaleDefinition definition = new SaleDefinition(item.get("name").s(), Long.parseLong(item.get("stock").n()),
				item.containsKey("perUserLimit") ? Long.valueOf(item.get("perUserLimit").n()) : null,
				item.containsKey("startsAt") ? Instant.parse(item.get("startsAt").s()) : null,
				item.containsKey("endsAt") ? Instant.parse(item.get("endsAt").s()) : null);
		// Records written before stages were kept are live ones.
		SaleRecord.Stage stage = item.containsKey(STAGE) ? SaleRecord.Stage.valueOf(item.get(STAGE).s())
				: SaleRecord.Stage.LIVE;
		SaleRecord.Figures figures = item.containsKey("archivedAt")
				? new SaleRecord.Figures(Long.parseLong(item.get("sold").n()), Long.parseLong(item.get("orders").n()),
						Instant.parse(item.get("archivedAt").s()))
				: null;
		return new SaleRecord(saleId, definition, stage, figures);
	}

	private static boolean inRedis(SaleRecord record) {
		return record.stage() == SaleRecord.Stage.LIVE || record.stage() == SaleRecord.Stage.ARCHIVING;
	}

	private static String listing(SaleRecord.Stage stage) {
		return switch (stage) {
			case DRAFT -> OrderTable.DRAFTS;
			case LIVE, ARCHIVING -> OrderTable.SALES;
			case ARCHIVED -> OrderTable.ARCHIVED_SALES;
		};
	}

	private static String key(String saleId) {
		return "sale#" + saleId;
	}

}
