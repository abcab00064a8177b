package dev.velocity.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The order worker: turns accepted orders on the queue into durable records. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OrderWorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(OrderWorkerApplication.class, args);
	}

}
