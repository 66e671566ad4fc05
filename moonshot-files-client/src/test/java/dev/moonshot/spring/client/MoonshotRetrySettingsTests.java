package dev.moonshot.spring.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MoonshotRetrySettingsTests {

	@Test
	void defaults() {
		assertThat(MoonshotRetrySettings.defaults()).isEqualTo(new MoonshotRetrySettings(true, 3,
				Duration.ofMillis(500), Duration.ofSeconds(8), 0.5, 20, 0.1));
		assertThat(MoonshotRetrySettings.disabled().enabled()).isFalse();
	}

	@Test
	void copiesChangeOneThing() {
		MoonshotRetrySettings settings = MoonshotRetrySettings.defaults()
			.withMaxAttempts(5)
			.withBackoff(Duration.ofMillis(10), Duration.ofSeconds(1))
			.withJitter(0)
			.withBudget(3, 0.5);

		assertThat(settings).isEqualTo(new MoonshotRetrySettings(true, 5, Duration.ofMillis(10), Duration.ofSeconds(1),
				0, 3, 0.5));
	}

	@Test
	void everyValueIsChecked() {
		MoonshotRetrySettings defaults = MoonshotRetrySettings.defaults();
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxAttempts(0))
			.withMessage("maxAttempts must be at least 1, got 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> defaults.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
			.withMessage("maxBackoff (PT1S) must not be less than initialBackoff (PT2S)");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withJitter(1.5))
			.withMessage("jitter must be between 0 and 1, got 1.5");
		assertThatIllegalArgumentException().isThrownBy(() -> defaults.withBudget(-1, 0.1))
			.withMessage("budgetCapacity must not be negative, got -1");
	}

}
