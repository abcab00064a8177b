package dev.velocity.infra;

import dev.velocity.orders.OrderTable;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The orders table, with the keys and the keys-only listing index of {@link OrderTable}
 * (the local stack creates the same shape with {@code OrderTableSchema}). It outlives the
 * stack: deletion protection and a retained resource.
 */
final class OrdersTable extends Construct implements StackPart {

	private final Table table;

	OrdersTable(Construct scope, String id) {
		super(scope, id);
		this.table = Table.Builder.create(this, "Default")
			.tableName(VelocityStack.ORDERS_TABLE)
			.partitionKey(Attribute.builder().name(OrderTable.ORDER_ID).type(AttributeType.STRING).build())
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.pointInTimeRecoverySpecification(
					PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
			.deletionProtection(true)
			.removalPolicy(RemovalPolicy.RETAIN)
			.build();
		this.table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
			.indexName(OrderTable.LISTING_INDEX)
			.partitionKey(Attribute.builder().name(OrderTable.LISTED_UNDER).type(AttributeType.STRING).build())
			.sortKey(Attribute.builder().name(OrderTable.LISTED_AS).type(AttributeType.STRING).build())
			.projectionType(ProjectionType.KEYS_ONLY)
			.build());
	}

	Table table() {
		return this.table;
	}

}
