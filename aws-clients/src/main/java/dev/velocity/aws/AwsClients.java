package dev.velocity.aws;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClientBuilder;

/**
 * The AWS clients Velocity's services build, each once, as beans: region and credentials
 * from the SDK's default provider chains, an endpoint override only where one is
 * configured (ElasticMQ, dynalite), and the call timeout each service budgets.
 */
public final class AwsClients {

	private AwsClients() {
	}

	/**
	 * An asynchronous SQS client on Netty.
	 * @param endpoint the endpoint override, or {@code null} for AWS
	 * @param maxConcurrency connections at most
	 * @param apiCallTimeout a call's whole budget, retries included, or {@code null} for
	 * the SDK's (long polls outlast any fixed budget)
	 * @param completion where the calls' futures complete, or {@code null} for the SDK's
	 * own pool; {@code Runnable::run} completes them on Netty's I/O thread, for callers
	 * whose continuations never block
	 * @return the client; close it with its bean
	 */
	public static SqsAsyncClient sqs(@Nullable URI endpoint, int maxConcurrency, @Nullable Duration apiCallTimeout,
			@Nullable Executor completion) {
		SqsAsyncClientBuilder builder = SqsAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency));
		if (completion != null) {
			builder.asyncConfiguration((async) -> async
				.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR, completion));
		}
		if (apiCallTimeout != null) {
			builder.overrideConfiguration((override) -> override.apiCallTimeout(apiCallTimeout));
		}
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

	/**
	 * A synchronous DynamoDB client on the JDK's HTTP connection.
	 * @param endpoint the endpoint override, or {@code null} for AWS
	 * @param apiCallTimeout a call's whole budget, retries included
	 * @return the client; close it with its bean
	 */
	public static DynamoDbClient dynamoDb(@Nullable URI endpoint, Duration apiCallTimeout) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.httpClientBuilder(UrlConnectionHttpClient.builder())
			.overrideConfiguration((override) -> override.apiCallTimeout(apiCallTimeout));
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

	/**
	 * An asynchronous DynamoDB client on Netty.
	 * @param endpoint the endpoint override, or {@code null} for AWS
	 * @param maxConcurrency connections at most
	 * @param apiCallTimeout a call's whole budget, retries included
	 * @return the client; close it with its bean
	 */
	public static DynamoDbAsyncClient dynamoDbAsync(@Nullable URI endpoint, int maxConcurrency,
			Duration apiCallTimeout) {
		DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
			.httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(maxConcurrency))
			.overrideConfiguration((override) -> override.apiCallTimeout(apiCallTimeout));
		if (endpoint != null) {
			builder.endpointOverride(endpoint);
		}
		return builder.build();
	}

}
