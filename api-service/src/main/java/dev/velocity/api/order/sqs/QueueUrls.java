package dev.velocity.api.order.sqs;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Queue URLs, each resolved once on first use (not at startup, so the API starts while
 * the queue is away; a failed lookup is tried again on the next use).
 */
class QueueUrls {

	private final SqsAsyncClient sqs;

	private final Map<String, String> resolved = new ConcurrentHashMap<>();

	QueueUrls(SqsAsyncClient sqs) {
		this.sqs = sqs;
	}

	CompletableFuture<String> of(String queueName) {
		String url = this.resolved.get(queueName);
		if (url != null) {
			return CompletableFuture.completedFuture(url);
		}
		return this.sqs.getQueueUrl((request) -> request.queueName(queueName)).thenApply((response) -> {
			this.resolved.put(queueName, response.queueUrl());
			return response.queueUrl();
		});
	}

	String join(String queueName) {
		return of(queueName).join();
	}

}
