package dev.velocity.orders;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The orders table's shape, created where nothing provisions it (the local stack and the
 * tests; in AWS the CDK stack declares the same keys and index): partition key
 * {@code orderId}, and the keys-only listing index on {@code listedUnder} sorted by
 * {@code listedAs} ({@link OrderTable}).
 */
public final class OrderTableSchema {

	private OrderTableSchema() {
	}

	/**
	 * Creates the orders table if missing and waits until it exists.
	 * @param dynamoDb a client
	 * @param table the table's name
	 * @throws IllegalStateException when a table of that name exists without the listing
	 * index (made by an older Velocity)
	 */
	public static void create(DynamoDbClient dynamoDb, String table) {
		try {
			dynamoDb.createTable((request) -> request.tableName(table)
				.billingMode(BillingMode.PAY_PER_REQUEST)
				.attributeDefinitions(attribute(OrderTable.ORDER_ID), attribute(OrderTable.LISTED_UNDER),
						attribute(OrderTable.LISTED_AS))
				.keySchema(key(OrderTable.ORDER_ID, KeyType.HASH))
				.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
					.indexName(OrderTable.LISTING_INDEX)
					.keySchema(key(OrderTable.LISTED_UNDER, KeyType.HASH), key(OrderTable.LISTED_AS, KeyType.RANGE))
					.projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
					.build()));
		}
		catch (ResourceInUseException alreadyThere) {
			// Created by an earlier run: the data directory keeps it.
			boolean listed = dynamoDb.describeTable((request) -> request.tableName(table))
				.table()
				.globalSecondaryIndexes()
				.stream()
				.anyMatch((index) -> index.indexName().equals(OrderTable.LISTING_INDEX));
			if (!listed) {
				throw new IllegalStateException("Table " + table + " has no index " + OrderTable.LISTING_INDEX
						+ ": it was made by an older Velocity, which listed orders "
						+ "differently. Move its data directory (dynalite's) aside and start again.");
			}
		}
		dynamoDb.waiter().waitUntilTableExists((request) -> request.tableName(table));
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
