package dev.velocity.localservers;

import java.util.concurrent.CountDownLatch;

/**
 * ElasticMQ as a process of its own ({@code args[0]}: the port), so tests can freeze it.
 */
public final class ElasticMqMain {

	private ElasticMqMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		ElasticMq server = new ElasticMq(Integer.parseInt(args[0])).start();
		Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
		new CountDownLatch(1).await();
	}

}
