package dev.moonshot.spring.sample;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.moonshot.spring.test.EnableMoonshotFake;
import dev.moonshot.spring.test.FakeOperation;
import dev.moonshot.spring.test.MoonshotFakeServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blocking view from virtual threads: with {@code spring.threads.virtual.enabled=true}, Tomcat serves each request
 * on a virtual thread, and the sample's controller blocks it on the client. 1,000 concurrent deletes all complete,
 * none past its deadline. Virtual threads need Java 21: this runs on CI's Java 25 runs and is skipped, saying so, on
 * Java 17.
 */
@EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 or later: this test runs on "
		+ "the Java 25 runs of CI and is skipped on Java 17")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "moonshot.call-timeout=60s" })
@EnableMoonshotFake
class VirtualThreadsTests {

	private static final int CALLS = 1_000;

	@LocalServerPort
	int port;

	@Autowired
	MoonshotFakeServer fake;

	@Autowired
	ServingThreads servingThreads;

	@Test
	void aThousandConcurrentBlockingDeletesFromVirtualThreadsAllComplete() throws Exception {
		List<String> ids = IntStream.range(0, CALLS)
			.mapToObj((i) -> this.fake.seed("sample-vt-" + i + ".txt", "file-extract", "x", Instant.now()).id())
			.toList();
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

		// all sent at once; each waits at most the call timeout in the application, so twice that here
		List<CompletableFuture<HttpResponse<String>>> responses = ids.stream()
			.map((id) -> http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
					+ "/documents/" + id)).DELETE().timeout(Duration.ofMinutes(2)).build(),
					HttpResponse.BodyHandlers.ofString()))
			.toList();
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

		assertThat(responses).allSatisfy((response) -> {
			assertThat(response.get().statusCode()).as(response.get().body()).isEqualTo(200);
			assertThat(response.get().body()).contains("\"deleted\":true");
		});
		assertThat(this.fake.files()).isEmpty();
		assertThat(this.fake.requestCount(FakeOperation.DELETE)).isEqualTo(CALLS);
		assertThat(this.servingThreads.virtual.get()).as("requests served on virtual threads").isEqualTo(CALLS);
		assertThat(this.servingThreads.platform.get()).isZero();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class VirtualThreadsConfiguration {

		@Bean
		ServingThreads servingThreads() {
			return new ServingThreads();
		}

	}

	/** Counts the kind of thread each request to the documents is served on. */
	static class ServingThreads extends OncePerRequestFilter {

		final AtomicInteger virtual = new AtomicInteger();

		final AtomicInteger platform = new AtomicInteger();

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getRequestURI().startsWith("/documents/")) {
				try {
					// Thread.isVirtual() is Java 21's; the sample compiles for Java 17
					Method isVirtualMethod = Thread.class.getMethod("isVirtual");
					boolean isVirtual = (boolean) isVirtualMethod.invoke(Thread.currentThread());
					(isVirtual ? this.virtual : this.platform).incrementAndGet();
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException(ex);
				}
			}
			chain.doFilter(request, response);
		}

	}

}
