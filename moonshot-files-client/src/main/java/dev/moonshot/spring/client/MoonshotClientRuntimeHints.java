package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;

/**
 * Native-image hints: the JSON shapes the client decodes reflectively ({@link WireTypes#DECODED}), and the resource
 * that names its version. The exceptions are built by the client's own code and never reflected on.
 */
class MoonshotClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				WireTypes.DECODED.toArray(Class<?>[]::new));
		hints.resources().registerPattern("dev/moonshot/spring/client/version.properties");
	}

}
