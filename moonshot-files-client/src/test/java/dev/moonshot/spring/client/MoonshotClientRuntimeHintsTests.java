package dev.moonshot.spring.client;

import java.util.Arrays;
import java.util.List;

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

		for (Class<?> type : WireTypes.DECODED) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type).withMemberCategory(
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).as(type.getName()).accepts(hints);
			for (java.lang.reflect.RecordComponent component : type.getRecordComponents()) {
				assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
					.as(component.toString()).accepts(hints);
			}
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(WireTypes.File.class)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
			.as("a type reached only through a field (FileList.data) is listed too")
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/moonshot/spring/client/version.properties"))
			.accepts(hints);
	}

	@Test
	void theListOfDecodedTypesNamesEveryWireType() {
		List<Class<?>> declared = Arrays.stream(WireTypes.class.getDeclaredClasses())
			.filter(Class::isRecord)
			.toList();
		assertThat(declared).isNotEmpty();
		assertThat(WireTypes.DECODED).as("every record in WireTypes is decoded reflectively, so it needs hints")
			.containsExactlyInAnyOrderElementsOf(
					declared.stream().<Class<? extends Record>>map((type) -> type.asSubclass(Record.class)).toList());
	}

}
