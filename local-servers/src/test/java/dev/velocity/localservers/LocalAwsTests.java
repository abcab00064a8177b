package dev.velocity.localservers;

import java.time.Duration;
import java.util.UUID;

import dev.velocity.orders.OrderTable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The orders table as the local stack makes it, on a real dynalite. */
class LocalAwsTests {

	private static Dynalite dynalite;

	private static DynamoDbClient dynamo;

	@BeforeAll
	static void client() {
		LocalAws.useLocalCredentials();
		dynalite = Dynalite.startEphemeral();
		dynamo = LocalAws.dynamoDb(dynalite.endpoint());
	}

	@AfterAll
	static void close() {
		dynamo.close();
		dynalite.stop();
	}

	@Test
	void createsTheOrdersTableWithItsKeysOnlyListingIndexAndKeepsItOnASecondRun() {
		LocalAws.Names names = names();

		LocalAws.createOrdersTable(dynamo, names);
		LocalAws.createOrdersTable(dynamo, names);

		var described = dynamo.describeTable((request) -> request.tableName(names.ordersTable()))
			.table()
			.globalSecondaryIndexes();
		assertThat(described).singleElement().satisfies((gsi) -> {
			assertThat(gsi.indexName()).isEqualTo(OrderTable.LISTING_INDEX);
			assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
		});
	}

	@Test
	void refusesATableMadeByAVelocityThatIndexedEveryOrder() {
		LocalAws.Names names = names();
		dynamo.createTable((request) -> request.tableName(names.ordersTable())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("orderId"), attribute("saleId"), attribute("placedAt"))
			.keySchema(key("orderId", KeyType.HASH))
			.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
				.indexName("saleId-placedAt-index")
				.keySchema(key("saleId", KeyType.HASH), key("placedAt", KeyType.RANGE))
				.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
				.build()));
		dynamo.waiter().waitUntilTableExists((request) -> request.tableName(names.ordersTable()));

		assertThatIllegalStateException().isThrownBy(() -> LocalAws.createOrdersTable(dynamo, names))
			.withMessageContaining(names.ordersTable())
			.withMessageContaining(OrderTable.LISTING_INDEX)
			.withMessageContaining("data directory");
	}

	private static LocalAws.Names names() {
		String name = "local-aws-" + UUID.randomUUID().toString().substring(0, 8);
		return new LocalAws.Names(name, name + "-dlq", name, 5, Duration.ofSeconds(30));
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
