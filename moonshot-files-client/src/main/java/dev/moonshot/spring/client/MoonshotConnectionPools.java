package dev.moonshot.spring.client;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import reactor.netty.resources.ConnectionProvider;

/**
 * Reactor Netty connection pools for the Moonshot client. Connection pools of the clients that create their own connector, one per pool size, shared by all such clients of
 * the JVM (building a client never leaks a pool). Reactor Netty's global pool allows
 * {@code max(2 x cores, 16)} connections per host and queues at most twice that: 64 concurrent calls on a 2-core
 * machine would wait for one another, or fail. These pools let every call in flight have a connection of its own,
 * queue the rest without bound (each call has its own deadline), and close connections idle for 30 seconds, before
 * a gateway would drop them under a request.
 */
public final class MoonshotConnectionPools {

	static final Duration MAX_IDLE_TIME = Duration.ofSeconds(30);

	private static final Map<Integer, ConnectionProvider> POOLS = new ConcurrentHashMap<>();

	private MoonshotConnectionPools() {
	}

	static ConnectionProvider withMaxConnections(int maxConnections) {
		return POOLS.computeIfAbsent(maxConnections, MoonshotConnectionPools::create);
	}

	/**
	 * A new pool with the client's settings, for a connector configured elsewhere (the Spring Boot
	 * auto-configuration uses it); whoever creates one disposes it.
	 * @param maxConnections most connections per host
	 * @return the pool
	 */
	public static ConnectionProvider create(int maxConnections) {
		return ConnectionProvider.builder("moonshot")
			.maxConnections(maxConnections)
			.pendingAcquireMaxCount(-1)
			.maxIdleTime(MAX_IDLE_TIME)
			.evictInBackground(MAX_IDLE_TIME)
			.build();
	}

}
