package dev.velocity.worker;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import dev.velocity.localservers.Dynalite;
import dev.velocity.localservers.FreePort;
import dev.velocity.testsupport.SharedServers;
import dev.velocity.orders.OrderPlaced;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The worker through a DynamoDB outage and a restart mid-drain. */
@ExtendWith(OutputCaptureExtension.class)
class WorkerResilienceIntegrationTests {

	@Test
	void keepsAMessageWhoseWriteFailedAndWritesItOnceDynamoDbIsBack(CapturedOutput output) throws Exception {
		// A dynalite of our own, on disk, so the table survives its restart.
		Dynalite dynalite = new Dynalite(FreePort.find(), Files.createTempDirectory("worker-outage"),
				Files.createTempDirectory("worker-outage-data"));
		dynalite.start();
		try (WorkerFixture fixture = new WorkerFixture(SharedServers.elasticMq().endpoint(), dynalite.endpoint())) {
			// JSON logs, as in production, so the order's ids are fields of the log line.
			ConfigurableApplicationContext worker = fixture.startWorker("logging.structured.format.console=ecs");
			try {
				dynalite.stop();
				OrderPlaced order = WorkerFixture.order("sale-outage", 1);
				fixture.send(order);

				MeterRegistry meters = worker.getBean(MeterRegistry.class);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(meters.get("velocity.worker.failed").counter().count())
						.isGreaterThanOrEqualTo(2));
				// Not deleted: still on the queue, received again and again.
				assertThat(fixture.queueDepth(fixture.queueUrl)).isEqualTo(1);
				assertThat(output.getOut()).contains("\"orderId\":\"" + order.orderId() + "\"",
						"\"saleId\":\"sale-outage\"", "\"level\":\"WARN\"");

				dynalite.start();
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(fixture.item(order.orderId())).isNotEmpty();
					assertThat(fixture.queueDepth(fixture.queueUrl)).isZero();
				});
				assertThat(fixture.itemCount()).isEqualTo(1);
			}
			finally {
				worker.close();
			}
		}
		finally {
			dynalite.stop();
		}
	}

	@Test
	void losesNothingAndDuplicatesNothingWhenStoppedMidDrainAndStartedAgain() {
		try (WorkerFixture fixture = WorkerFixture.onSharedServers()) {
			List<OrderPlaced> orders = IntStream.range(0, 1_500)
				.mapToObj((n) -> WorkerFixture.order("sale-restart", n))
				.toList();
			fixture.sendAll(orders);

			ConfigurableApplicationContext first = fixture.startWorker();
			await().atMost(Duration.ofSeconds(60)).until(() -> fixture.itemCount() >= 200);
			first.close();
			long afterStop = fixture.itemCount();
			assertThat(afterStop).isLessThan(1_500);

			ConfigurableApplicationContext second = fixture.startWorker();
			try {
				await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
					assertThat(fixture.itemCount()).isEqualTo(1_500);
					assertThat(fixture.queueDepth(fixture.queueUrl)).isZero();
				});
				assertThat(fixture.queueDepth(fixture.deadLetterUrl)).isZero();
				orders.stream().limit(50).forEach((order) -> assertThat(fixture.item(order.orderId())).isNotEmpty());
			}
			finally {
				second.close();
			}
		}
	}

}
