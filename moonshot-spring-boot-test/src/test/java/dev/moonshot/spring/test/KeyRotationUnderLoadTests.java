package dev.moonshot.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotRetrySettings;
import dev.moonshot.spring.client.model.ApiKeyInUse;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys rotated the way an operator rotates them, under load: the provider accepts a new key beside the old one, the
 * application's credentials move to it, and once every call that may still hold the old key has ended, the old key
 * is retired. 2,000 deletes at 32 in flight through five such rotations: none fails, and no request after an overlap
 * carries the retired key.
 */
class KeyRotationUnderLoadTests {

	private static final int CALLS = 2_000;

	private static final int IN_FLIGHT = 32;

	private static final int ROTATIONS = 5;

	private static MoonshotFakeServer fake;

	@BeforeAll
	static void start() {
		fake = MoonshotFakeServer.start();
	}

	@AfterAll
	static void stop() {
		fake.close();
	}

	@Test
	void twoThousandCallsThroughFiveRotationsAllSucceedAndNoneSendsARetiredKey() {
		List<String> ids = Flux.range(0, CALLS)
			.map((i) -> fake.seed("load-" + i + ".txt", "file-extract", "x", Instant.now()).id())
			.collectList()
			.block();
		AtomicReference<String> key = new AtomicReference<>(fake.apiKey());
		// retries on, as in production: a call that failed for a key would show in the counts below, not be hidden
		MoonshotFilesClient client = fake.client()
			.mutate()
			.credentials(key::get)
			.retry(MoonshotRetrySettings.defaults())
			.build();
		Rotations rotations = new Rotations(key);

		List<FileDeleteResponse> deleted = Flux.range(0, CALLS)
			.flatMap((i) -> Mono.defer(() -> {
				rotations.starting(i);
				return client.delete(ids.get(i));
			}).doFinally((signal) -> rotations.ended(i)), IN_FLIGHT)
			.collectList()
			.block(Duration.ofMinutes(5));

		assertThat(deleted).hasSize(CALLS).allSatisfy((response) -> assertThat(response.deleted()).isTrue());
		assertThat(rotations.retired).hasSize(ROTATIONS);
		assertThat(fake.retiredKeyRequestCount()).as("requests with a retired key").isZero();
		assertThat(fake.acceptedKeys()).containsExactly(key.get());
		assertThat(fake.files()).isEmpty();
		assertThat(fake.requestCount(FakeOperation.DELETE)).as("no call was repeated").isEqualTo(CALLS);
		assertThat(client.apiKeyInUse().fingerprint())
			.isEqualTo(ApiKeyInUse.fingerprintOf("sk-rotated-" + ROTATIONS));
	}

	/**
	 * The operator: at every 350th call a new key is accepted and handed to the application; its old key is retired
	 * as soon as every call that started before the hand-over has ended (a call reads the key when it sends).
	 */
	private static final class Rotations {

		private final AtomicReference<String> key;

		private final Set<Integer> inFlight = ConcurrentHashMap.newKeySet();

		private final AtomicReference<Overlap> overlap = new AtomicReference<>();

		final List<String> retired = new CopyOnWriteArrayList<>();

		private int made;

		Rotations(AtomicReference<String> key) {
			this.key = key;
		}

		/** Calls start one after another (the source of the flatMap). */
		void starting(int call) {
			if (call > 0 && call % 350 == 0 && this.made < ROTATIONS && this.overlap.get() == null) {
				this.made++;
				String next = "sk-rotated-" + this.made;
				fake.acceptKey(next);
				String old = this.key.getAndSet(next);
				this.overlap.set(new Overlap(old, Set.copyOf(this.inFlight)));
				retireIfOver();
			}
			this.inFlight.add(call);
		}

		void ended(int call) {
			this.inFlight.remove(call);
			retireIfOver();
		}

		private void retireIfOver() {
			Overlap current = this.overlap.get();
			if (current != null && current.startedBefore.stream().noneMatch(this.inFlight::contains)
					&& this.overlap.compareAndSet(current, null)) {
				fake.retireKey(current.oldKey);
				this.retired.add(current.oldKey);
			}
		}

		private record Overlap(String oldKey, Set<Integer> startedBefore) {
		}

	}

}
