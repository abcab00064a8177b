package dev.velocity.api.purchase.web;

import dev.velocity.testsupport.UsesRealServers;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@link AnswerThreads} with virtual threads off: the purchase executor is a pool. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.threads.virtual.enabled=false")
@Import(AnswerThreads.WritingThreads.class)
@UsesRealServers
class AnswerThreadsPlatformIntegrationTests extends AnswerThreads {

	@Override
	boolean virtual() {
		return false;
	}

}
