package dev.moonshot.spring.client;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import dev.moonshot.spring.client.FuzzBodies.Body;
import dev.moonshot.spring.client.FuzzBodies.Mutation;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How often each kind of body a fuzz target generated was tried: valid ones, and each {@link Mutation}. The build's
 * cases must have tried every kind a target can make, or a change to the generators could leave a kind untested
 * without anyone noticing.
 */
final class MutationCounts {

	private final Map<Mutation, Integer> mutations = new EnumMap<>(Mutation.class);

	private int valid;

	synchronized void record(@Nullable Body body) {
		if (body == null || body.valid()) {
			this.valid++;
			return;
		}
		Arrays.stream(body.mutation().split(" "))
			.flatMap((token) -> Arrays.stream(Mutation.values()).filter((mutation) -> mutation.name().equals(token)))
			.findFirst()
			.ifPresent((mutation) -> this.mutations.merge(mutation, 1, Integer::sum));
	}

	synchronized void assertEveryKindRan(Set<Mutation> kinds) {
		assertThat(this.valid).as("valid bodies tried").isPositive();
		assertThat(this.mutations.keySet()).as("mutations tried: %s", this.mutations).containsAll(kinds);
	}

	@Override
	public synchronized String toString() {
		return "valid=" + this.valid + ", " + this.mutations;
	}

}
