package dev.velocity.localservers;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import dev.velocity.orders.OrderTableSchema;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Clients for the local servers (dummy credentials, a fixed region: these never reach
 * AWS) and the provisioning the services expect to find: the orders queue with its DLQ,
 * the orders table.
 */
public final class LocalAws {

	/**
	 * Resource names the local stack creates; the services' {@code local} profile uses
	 * the same.
	 */
	public record Names(String ordersQueue, String deadLetterQueue, String ordersTable, int maxReceiveCount,
			Duration visibilityTimeout) {

		/**
		 * A queue, its DLQ ({@code <name>-dlq}) and a table, all named after one name.
		 * @param name the queue's and the table's name
		 * @return the names, with 5 receives before the DLQ and a 30 s visibility timeout
		 */
		public static Names named(String name) {
			return new Names(name, name + "-dlq", name, 5, Duration.ofSeconds(30));
		}

		public static Names defaults() {
			return new Names("velocity-orders", "velocity-orders-dlq", "velocity-orders", 5, Duration.ofSeconds(30));
		}

	}

	private static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("local", "local"));

	private LocalAws() {
	}

	/**
	 * Points the AWS SDK's default provider chains (system properties come first) at
	 * dummy credentials and a region, as the run command's environment does for the
	 * services.
	 */
	public static void useLocalCredentials() {
		System.setProperty("aws.region", "us-east-1");
		System.setProperty("aws.accessKeyId", "local");
		System.setProperty("aws.secretAccessKey", "local");
	}

	public static SqsClient sqs(URI endpoint) {
		return SqsClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	public static DynamoDbClient dynamoDb(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(CREDENTIALS)
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.build();
	}

	/**
	 * Creates the DLQ and the orders queue (with a redrive policy to the DLQ) if missing.
	 * @param sqs a client
	 * @param names what to create
	 * @return the orders queue's URL
	 */
	public static String createQueues(SqsClient sqs, Names names) {
		String dlqUrl = sqs
			.createQueue((request) -> request.queueName(names.deadLetterQueue())
				.attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600")))
			.queueUrl();
		// ElasticMQ's ARNs use its own region: read the ARN, never build it.
		String dlqArn = sqs
			.getQueueAttributes((request) -> request.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
			.attributes()
			.get(QueueAttributeName.QUEUE_ARN);
		String redrivePolicy = "{\"maxReceiveCount\":\"" + names.maxReceiveCount() + "\",\"deadLetterTargetArn\":\""
				+ dlqArn + "\"}";
		return sqs
			.createQueue((request) -> request.queueName(names.ordersQueue())
				.attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy,
						QueueAttributeName.VISIBILITY_TIMEOUT, String.valueOf(names.visibilityTimeout().toSeconds()))))
			.queueUrl();
	}

	/**
	 * Creates the orders table if missing: partition key {@code orderId}, and the listing
	 * index on {@code listedUnder} sorted by {@code listedAs} ({@link OrderTableSchema}).
	 * @param dynamoDb a client
	 * @param names what to create
	 * @throws IllegalStateException when a table of that name exists without the listing
	 * index (made by a Velocity from before pages)
	 */
	public static void createOrdersTable(DynamoDbClient dynamoDb, Names names) {
		OrderTableSchema.create(dynamoDb, names.ordersTable());
	}

	/**
	 * Messages in a queue, visible or in flight (approximate, as SQS counts).
	 * @param sqs a client
	 * @param queueUrl the queue
	 * @return the count
	 */
	public static long queueDepth(SqsClient sqs, String queueUrl) {
		Map<QueueAttributeName, String> attributes = sqs
			.getQueueAttributes((request) -> request.queueUrl(queueUrl)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.attributes();
		return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

}
