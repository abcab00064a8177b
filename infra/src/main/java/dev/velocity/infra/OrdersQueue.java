package dev.velocity.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The orders queue between the API and the worker, and the dead-letter queue that catches
 * what the worker cannot store after {@link VelocityStack#MAX_RECEIVE_COUNT} receives.
 */
final class OrdersQueue extends Construct implements StackPart {

	private final Queue orders;

	private final Queue deadLetters;

	OrdersQueue(Construct scope, String id) {
		super(scope, id);
		this.deadLetters = Queue.Builder.create(this, "OrdersDeadLetters")
			.queueName(VelocityStack.DEAD_LETTER_QUEUE)
			.retentionPeriod(Duration.days(14))
			.encryption(QueueEncryption.SQS_MANAGED)
			.build();
		this.orders = Queue.Builder.create(this, "Orders")
			.queueName(VelocityStack.ORDERS_QUEUE)
			.visibilityTimeout(VelocityStack.VISIBILITY_TIMEOUT)
			.retentionPeriod(Duration.days(14))
			.encryption(QueueEncryption.SQS_MANAGED)
			.deadLetterQueue(DeadLetterQueue.builder()
				.queue(this.deadLetters)
				.maxReceiveCount(VelocityStack.MAX_RECEIVE_COUNT)
				.build())
			.build();
	}

	Queue orders() {
		return this.orders;
	}

	Queue deadLetters() {
		return this.deadLetters;
	}

}
