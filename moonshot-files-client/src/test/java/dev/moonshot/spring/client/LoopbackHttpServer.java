package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A Reactor Netty server on 127.0.0.1 for tests that must watch the wire as it happens (bytes arriving, requests in
 * flight), which a recording stub cannot show. It runs on loops of its own, so that no application context that
 * disposes Reactor Netty's shared resources can stop it.
 */
final class LoopbackHttpServer implements AutoCloseable {

	private final LoopResources loops = LoopResources.create("loopback-server", 1, true);

	private final DisposableServer server;

	LoopbackHttpServer(BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> handler) {
		this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(this.loops).handle(handler).bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater(Duration.ZERO, Duration.ofSeconds(10)).block();
	}

}
