package dev.moonshot.spring.benchmarks;

import java.time.Duration;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A stub of {@code DELETE /v1/files/{file_id}} and {@code GET /v1/files} on loopback with a fixed, non-blocking
 * latency. It runs in the runner's JVM, not in the benchmark forks, so that the forks' allocation figures are the
 * clients' alone.
 */
final class BenchmarkStub implements AutoCloseable {

	private final LoopResources loops;

	private final DisposableServer server;

	private BenchmarkStub(Duration latency) {
		this.loops = LoopResources.create("bench-stub", 1, true);
		Mono<Long> wait = latency.isZero() ? Mono.empty() : Mono.delay(latency);
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes
				.delete("/v1/files/{id}", (request, response) -> wait.then(response
					.header("Content-Type", "application/json")
					.header("Msh-Request-Id", "bench")
					.sendString(Mono.just("{\"id\":\"" + request.param("id") + "\",\"object\":\"file\",\"deleted\":true}"))
					.then()))
				.get("/v1/files", (request, response) -> wait.then(response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"object\":\"list\",\"data\":[{\"id\":\"a\",\"object\":\"file\","
							+ "\"bytes\":10,\"created_at\":1,\"filename\":\"a.pdf\",\"purpose\":\"file-extract\","
							+ "\"status\":\"ok\"}]}"))
					.then())))
			.bindNow();
	}

	static BenchmarkStub start(Duration latency) {
		return new BenchmarkStub(latency);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
