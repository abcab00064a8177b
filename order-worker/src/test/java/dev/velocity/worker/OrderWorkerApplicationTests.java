package dev.velocity.worker;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderWorkerApplicationTests {

	@Autowired
	ApplicationContext context;

	@Test
	void startsTheWorkerApplication() {
		assertThat(this.context.getBean(OrderWorkerApplication.class)).isNotNull();
	}

}
