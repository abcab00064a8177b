package dev.velocity.api.order.sqs;

import java.util.Map;

import dev.velocity.api.order.OrderBacklog;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The orders queue's depth from GetQueueAttributes. */
class SqsOrderBacklog implements OrderBacklog {

	private final SqsAsyncClient sqs;

	private final QueueUrls queueUrls;

	private final String queueName;

	SqsOrderBacklog(SqsAsyncClient sqs, QueueUrls queueUrls, String queueName) {
		this.sqs = sqs;
		this.queueUrls = queueUrls;
		this.queueName = queueName;
	}

	@Override
	public long depth() {
		String url = this.queueUrls.join(this.queueName);
		Map<QueueAttributeName, String> attributes = this.sqs
			.getQueueAttributes((request) -> request.queueUrl(url)
				.attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
						QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
			.join()
			.attributes();
		return Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
				+ Long.parseLong(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
	}

}
