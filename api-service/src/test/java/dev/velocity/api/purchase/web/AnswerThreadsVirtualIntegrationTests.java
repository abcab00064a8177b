package dev.velocity.api.purchase.web;

import dev.velocity.testsupport.UsesRealServers;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** {@link AnswerThreads} as the API runs by default: virtual threads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(AnswerThreads.WritingThreads.class)
@UsesRealServers
@EnabledForJreRange(min = JRE.JAVA_21)
class AnswerThreadsVirtualIntegrationTests extends AnswerThreads {

	@Override
	boolean virtual() {
		return true;
	}

}
