package dev.moonshot.spring.test;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Starts a {@link MoonshotFakeServer} for test contexts of classes annotated with {@link EnableMoonshotFake}.
 */
class MoonshotFakeContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return TestContextAnnotationUtils.hasAnnotation(testClass, EnableMoonshotFake.class)
				? new MoonshotFakeContextCustomizer() : null;
	}

	/**
	 * Equal to every other instance, so that annotated test classes share cached contexts as usual.
	 */
	static final class MoonshotFakeContextCustomizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			MoonshotFakeServer server = MoonshotFakeServer.start();
			context.getBeanFactory().registerSingleton("moonshotFakeServer", server);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("moonshotFake",
						Map.of("moonshot.base-url", server.baseUrl(), "moonshot.api-key", server.apiKey())));
			context.addApplicationListener((event) -> {
				if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
					server.close();
				}
			});
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof MoonshotFakeContextCustomizer;
		}

		@Override
		public int hashCode() {
			return MoonshotFakeContextCustomizer.class.hashCode();
		}

	}

}
