package dev.moonshot.spring.test;

import java.util.ArrayList;
import java.util.List;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.exception.MoonshotRateLimitException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake's organization-wide rate limit: a burst, then 429 with a whole-seconds {@code Retry-After}, shared by
 * every client pointed at the fake.
 */
class MoonshotFakeServerRateLimitTests {

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	@Test
	void aBurstThenRateLimitedWithRetryAfterAndTheProvidersHeaders() {
		moonshot.server().rateLimit(new FakeRateLimit(0.5, 3, 10, true));
		List<String> answers = new ArrayList<>();

		for (int i = 0; i < 5; i++) {
			answers.add(WebClient.create(moonshot.server().baseUrl())
				.get()
				.uri("/v1/files")
				.header("Authorization", "Bearer " + moonshot.server().apiKey())
				.exchangeToMono((response) -> response.bodyToMono(String.class)
					.defaultIfEmpty("")
					.map((body) -> response.statusCode().value() + " retry-after="
							+ response.headers().asHttpHeaders().getFirst("Retry-After") + " limit="
							+ response.headers().asHttpHeaders().getFirst("X-RateLimit-Limit") + " remaining="
							+ response.headers().asHttpHeaders().getFirst("X-RateLimit-Remaining") + " " + body))
				.block());
		}

		assertThat(answers.subList(0, 3)).allSatisfy((answer) -> assertThat(answer).startsWith("200 "));
		assertThat(answers.subList(3, 5)).allSatisfy((answer) -> assertThat(answer).startsWith("429 retry-after=2 ")
			.contains("limit=30 remaining=0")
			.contains("rate_limit_reached_error"));
		assertThat(moonshot.server().rateLimitedCount()).isEqualTo(2);
	}

	@Test
	void clientsPointedAtTheFakeShareItsLimit() {
		moonshot.server().rateLimit(new FakeRateLimit(0.1, 2, 10, false));
		MoonshotFilesClient replicaA = moonshot.server().client();
		MoonshotFilesClient replicaB = moonshot.server().client();

		replicaA.list().block();
		replicaA.list().block();

		assertThatExceptionOfType(MoonshotRateLimitException.class).isThrownBy(() -> replicaB.list().block())
			.satisfies((ex) -> assertThat(ex.getRetryAfter()).isPositive());
	}

	@Test
	void tooManyAtOnceAreRateLimitedToo() {
		moonshot.server().rateLimit(new FakeRateLimit(1_000, 1_000, 1, false)).latency(java.time.Duration.ofMillis(300));
		MoonshotFilesClient client = moonshot.server().client();

		List<Throwable> failures = reactor.core.publisher.Flux.range(0, 4)
			.flatMap((i) -> client.list().then(reactor.core.publisher.Mono.<Throwable>empty())
				.onErrorResume(reactor.core.publisher.Mono::just), 4)
			.collectList()
			.block();

		assertThat(failures).isNotEmpty().allSatisfy((ex) -> assertThat(ex).isInstanceOf(MoonshotRateLimitException.class));
	}

}
