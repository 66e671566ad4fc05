package dev.moonshot.spring.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The fixed set of generated cases a fuzz target runs in every build (Jazzer's regression mode runs only the inputs
 * committed under the test resources): {@value #CASES} inputs per target, drawn from a master seed. The seed is
 * {@value #DEFAULT_SEED} unless {@code -Dmoonshot.fuzz.seed=...} says otherwise; a failing case names the seed and
 * its index and saves its input under {@code target/fuzz-failures/}, ready to be committed beside the target's other
 * inputs so that every later build replays it.
 */
final class FuzzCases {

	/** Cases per target in each build. */
	static final int CASES = 10_000;

	/** The master seed of the builds. */
	static final long DEFAULT_SEED = 0x4D6F6F6E73686F74L;

	private FuzzCases() {
	}

	static long seed() {
		String configured = System.getProperty("moonshot.fuzz.seed");
		return (configured != null && !configured.isBlank()) ? Long.decode(configured.strip()) : DEFAULT_SEED;
	}

	/**
	 * Run a target on the build's generated inputs.
	 * @param testClass the class of the target (names where inputs are committed)
	 * @param method the target's method name
	 * @param target the target, given each input
	 */
	static void run(Class<?> testClass, String method, Consumer<byte[]> target) {
		long seed = seed();
		SplittableRandom inputs = new SplittableRandom(seed ^ method.hashCode());
		for (int i = 0; i < CASES; i++) {
			byte[] input = new byte[1 + inputs.nextInt(512)];
			inputs.nextBytes(input);
			try {
				target.accept(input);
			}
			catch (RuntimeException | AssertionError failure) {
				Path saved = save(testClass, method, i, input);
				throw new AssertionError("Fuzz target " + testClass.getSimpleName() + "." + method + " failed on case "
						+ i + " of master seed " + seed + " (replay: -Dmoonshot.fuzz.seed=" + seed + "); its input is "
						+ "saved as " + saved + ": commit it under src/test/resources/"
						+ testClass.getPackageName().replace('.', '/') + "/" + testClass.getSimpleName() + "Inputs/"
						+ method + "/ so that every build replays it", failure);
			}
		}
	}

	private static Path save(Class<?> testClass, String method, int index, byte[] input) {
		try {
			Path directory = Files.createDirectories(
					Path.of("target", "fuzz-failures", testClass.getSimpleName() + "Inputs", method));
			return Files.write(directory.resolve("case-" + index), input);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
