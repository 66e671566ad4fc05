package dev.moonshot.spring.test;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link MoonshotFakeServer} for a test class and empties it before each test.
 * <pre class="code">
 * &#64;RegisterExtension
 * static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();
 *
 * &#64;Test
 * void deletesOldFiles() {
 *     moonshot.server().seed("old.pdf", "file-extract", "text", Instant.now().minus(Duration.ofDays(30)));
 *     MyCleanup cleanup = new MyCleanup(moonshot.server().client());
 *     ...
 * }
 * </pre>
 * With {@code @ExtendWith(MoonshotFakeServerExtension.class)}, test methods can take the
 * {@link MoonshotFakeServer} as a parameter.
 */
public class MoonshotFakeServerExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private final String apiKey;

	private @Nullable MoonshotFakeServer server;

	/**
	 * An extension whose fake accepts {@link MoonshotFakeServer#DEFAULT_API_KEY}.
	 */
	public MoonshotFakeServerExtension() {
		this(MoonshotFakeServer.DEFAULT_API_KEY);
	}

	/**
	 * An extension whose fake accepts the given key.
	 * @param apiKey the key
	 */
	public MoonshotFakeServerExtension(String apiKey) {
		this.apiKey = apiKey;
	}

	/**
	 * The running fake.
	 * @return the fake
	 * @throws IllegalStateException outside of a test
	 */
	public MoonshotFakeServer server() {
		MoonshotFakeServer current = this.server;
		if (current == null) {
			throw new IllegalStateException("The Moonshot fake runs only while the test class runs");
		}
		return current;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		start();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		start().reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		MoonshotFakeServer current = this.server;
		this.server = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == MoonshotFakeServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return start();
	}

	private synchronized MoonshotFakeServer start() {
		MoonshotFakeServer current = this.server;
		if (current == null) {
			current = MoonshotFakeServer.start(this.apiKey);
			this.server = current;
		}
		return current;
	}

}
