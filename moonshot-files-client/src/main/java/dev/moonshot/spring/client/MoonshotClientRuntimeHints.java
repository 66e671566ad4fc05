package dev.moonshot.spring.client;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;

/**
 * Native-image hints: the JSON shapes the client decodes reflectively, and the resource that names its version.
 */
class MoonshotClientRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), WireTypes.FileDeleted.class,
				WireTypes.File.class, WireTypes.FileList.class, WireTypes.ErrorEnvelope.class, WireTypes.ErrorBody.class);
		hints.resources().registerPattern("dev/moonshot/spring/client/version.properties");
	}

}
