package dev.velocity.api.order.sqs;

import dev.velocity.api.order.OrderPublisher;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's group commit to SQS with the API's default settings, for a bench tool outside
 * this package ({@code dev.velocity.api.bench.FloorPurchase}).
 */
public final class GroupCommit {

	private GroupCommit() {
	}

	/**
	 * A publisher as the API builds it ({@code velocity.sqs} defaults: 100 orders a
	 * message, 2 sends in flight, 10,000 orders waiting at most).
	 * @param sqs the client
	 * @param queueName the orders' queue
	 * @param jsonMapper writes each order
	 * @return the publisher; close it when done
	 */
	public static OrderPublisher publisher(SqsAsyncClient sqs, String queueName, JsonMapper jsonMapper) {
		return new SqsOrderPublisher(sqs, new QueueUrls(sqs), queueName, jsonMapper, 100, 2, 10_000);
	}

}
