package dev.velocity.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The API service: purchases, sale admin and order lookup. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class VelocityApiApplication {

	public static void main(String[] args) {
		SpringApplication.run(VelocityApiApplication.class, args);
	}

}
