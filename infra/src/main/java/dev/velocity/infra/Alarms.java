package dev.velocity.infra;

import java.util.Map;
import java.util.TreeMap;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.IApplicationLoadBalancer;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * What pages the operator, through one SNS topic: orders in the DLQ, an old backlog, API
 * 5xx above 1%, and a sale whose books stay unbalanced.
 */
final class Alarms extends Construct implements StackPart {

	private final Topic topic;

	Alarms(Construct scope, String id, OrdersQueue queue, IApplicationLoadBalancer apiBalancer) {
		super(scope, id);
		this.topic = Topic.Builder.create(this, "Default").displayName("Velocity alarms").build();
		alarm("DeadLettersWaiting", "Orders in the DLQ: the worker could not store them",
				queue.deadLetters().metricApproximateNumberOfMessagesVisible(VelocityStack.perMinute()), 0, 1);
		alarm("BacklogAge", "The oldest order on the queue waits for more than 2 minutes",
				queue.orders().metricApproximateAgeOfOldestMessage(VelocityStack.perMinute()), 120, 3);
		alarm("Api5xxRate", "More than 1% of API answers are 5xx", MathExpression.Builder.create()
			.expression("100 * errors / MAX([requests, 1])")
			.usingMetrics(new TreeMap<>(Map.of("errors",
					apiBalancer.getMetrics().httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, VelocityStack.perMinute()),
					"requests", apiBalancer.getMetrics().requestCount(VelocityStack.perMinute()))))
			.period(Duration.minutes(1))
			.build(), 1, 3);
		alarm("ReconciliationDrift", "A sale's books do not balance (initial != remaining + orders) for 5 minutes",
				Metric.Builder.create()
					.namespace(VelocityStack.METRICS_NAMESPACE)
					.metricName("velocity.reconciliation.drift")
					.statistic("Sum")
					.period(Duration.minutes(5))
					.build(),
				0, 1);
	}

	private void alarm(String id, String description, IMetric metric, double threshold, int periods) {
		Alarm alarm = Alarm.Builder.create(this, id)
			.alarmDescription(description)
			.metric(metric)
			.threshold(threshold)
			.evaluationPeriods(periods)
			.comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
			.treatMissingData(TreatMissingData.NOT_BREACHING)
			.build();
		alarm.addAlarmAction(new SnsAction(this.topic));
	}

}
