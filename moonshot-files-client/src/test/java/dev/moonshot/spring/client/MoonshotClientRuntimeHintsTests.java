package dev.moonshot.spring.client;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class MoonshotClientRuntimeHintsTests {

	@Test
	void registersTheWireTypesAndTheVersionResource() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));

		for (Class<?> type : new Class<?>[] { WireTypes.FileDeleted.class, WireTypes.ErrorEnvelope.class,
				WireTypes.ErrorBody.class }) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/moonshot/spring/client/version.properties"))
			.accepts(hints);
	}

}
