package dev.moonshot.spring.client;

import java.time.Duration;

import dev.moonshot.spring.client.exception.MoonshotFailureKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DeadlineTests {

	@Test
	void eachLimitNamesItselfAndItsProperty() {
		assertThat(Deadline.response(Duration.ofSeconds(30)).describe())
			.isEqualTo("response timeout of 30000 ms (moonshot.response-timeout)");
		assertThat(Deadline.call(Duration.ofMillis(1500)).describe())
			.isEqualTo("call timeout of 1500 ms (moonshot.call-timeout)");
		assertThat(Deadline.upload(Duration.ofMinutes(5)).describe())
			.isEqualTo("upload timeout of 300000 ms (moonshot.upload-timeout)");
	}

	@Test
	void eachLimitHasItsTimeoutType() {
		assertThat(Deadline.response(Duration.ofSeconds(1)).kind()).isEqualTo(MoonshotFailureKind.RESPONSE_TIMEOUT);
		assertThat(Deadline.call(Duration.ofSeconds(1)).kind()).isEqualTo(MoonshotFailureKind.CALL_TIMEOUT);
		assertThat(Deadline.upload(Duration.ofSeconds(1)).kind()).isEqualTo(MoonshotFailureKind.RESPONSE_TIMEOUT);
	}

}
