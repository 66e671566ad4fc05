package dev.moonshot.spring.autoconfigure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import dev.moonshot.spring.client.model.ApiKeyInUse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A key in a file, laid out as Kubernetes mounts a secret: {@code api-key -> ..data/api-key}, {@code ..data ->
 * ..<timestamp>}, and a rotation that writes a new timestamped directory and swaps {@code ..data} atomically.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiKeyFileCredentialsTests {

	private static final String FIRST = "sk-first-7d1e9b3a5c2f4086";

	private static final String SECOND = "sk-second-2f4086d1e9b3a5c7";

	/** Checked often, so that the tests wait little; when a check comes is not what they test. */
	private static final Duration INTERVAL = Duration.ofMillis(20);

	@TempDir
	Path mount;

	private ApiKeyFileCredentials credentials;

	@AfterEach
	void stop() {
		if (this.credentials != null) {
			this.credentials.close();
		}
	}

	@Test
	void aRotationBySymlinkSwapIsPickedUpAtTheNextCheck(CapturedOutput output) throws IOException {
		Path key = mountSecret(FIRST + "\n");
		this.credentials = ApiKeyFileCredentials.watch(key, INTERVAL);
		assertThat(this.credentials.apiKey()).isEqualTo(FIRST);

		rotateSecret(SECOND);

		await().atMost(Duration.ofSeconds(30)).until(() -> SECOND.equals(this.credentials.apiKey()));
		assertThat(output).contains("holds a new key: fingerprint " + ApiKeyInUse.fingerprintOf(FIRST) + " -> "
				+ ApiKeyInUse.fingerprintOf(SECOND))
			.doesNotContain(FIRST)
			.doesNotContain(SECOND);
	}

	@Test
	void aMissingOrEmptyFileKeepsTheLastGoodKeyAndIsWarnedOfOnce(CapturedOutput output) throws IOException {
		Path key = this.mount.resolve("api-key");
		Files.writeString(key, FIRST);
		// checked by hand here: no scheduled check comes within the test
		this.credentials = ApiKeyFileCredentials.watch(key, Duration.ofHours(1));

		Files.delete(key);
		this.credentials.check();
		assertThat(this.credentials.apiKey()).isEqualTo(FIRST);
		Files.writeString(key, "  \n");
		this.credentials.check();
		assertThat(this.credentials.apiKey()).isEqualTo(FIRST);
		Files.writeString(key, SECOND);
		this.credentials.check();
		assertThat(this.credentials.apiKey()).isEqualTo(SECOND);

		assertThat(output.toString().lines().filter((line) -> line.contains("WARN"))).singleElement()
			.asString()
			.contains("gives no key (it does not exist); the last good key, fingerprint "
					+ ApiKeyInUse.fingerprintOf(FIRST) + ", stays in use");
		assertThat(output).contains("is readable again").doesNotContain(FIRST).doesNotContain(SECOND);
	}

	@Test
	void aFileThatGivesNoKeyAtStartupIsRefusedWithTheReasonAndNeverItsContent() throws IOException {
		Path missing = this.mount.resolve("nothing-here");
		assertThatExceptionOfType(InvalidMoonshotApiKeyFileException.class)
			.isThrownBy(() -> ApiKeyFileCredentials.watch(missing, INTERVAL))
			.withMessage("The Moonshot API key file " + missing + " (moonshot.api-key-file) gives no key: it does not "
					+ "exist")
			.satisfies((ex) -> assertThat(ex.getPath()).isEqualTo(missing));

		Path empty = Files.writeString(this.mount.resolve("empty"), "\n");
		assertThatExceptionOfType(InvalidMoonshotApiKeyFileException.class)
			.isThrownBy(() -> ApiKeyFileCredentials.watch(empty, INTERVAL))
			.withMessageEndingWith("gives no key: it is empty");

		Path large = Files.writeString(this.mount.resolve("large"), "sk-" + "x".repeat(5000));
		assertThatExceptionOfType(InvalidMoonshotApiKeyFileException.class)
			.isThrownBy(() -> ApiKeyFileCredentials.watch(large, INTERVAL))
			.withMessageEndingWith("it holds more than 4096 bytes: not a key file")
			.withMessageNotContaining("xxxx");

		Path binary = Files.write(this.mount.resolve("binary"), new byte[] { 's', 'k', (byte) 0xC3, (byte) 0x28 });
		assertThatExceptionOfType(InvalidMoonshotApiKeyFileException.class)
			.isThrownBy(() -> ApiKeyFileCredentials.watch(binary, INTERVAL))
			.withMessageEndingWith("it is not UTF-8 text");

		assertThatExceptionOfType(InvalidMoonshotApiKeyFileException.class)
			.isThrownBy(() -> ApiKeyFileCredentials.watch(this.mount, INTERVAL))
			.withMessageContaining("gives no key: ");
	}

	@Test
	void theIntervalMustBePositive() throws IOException {
		Path key = Files.writeString(this.mount.resolve("api-key"), FIRST);
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeyFileCredentials.watch(key, Duration.ZERO))
			.withMessageContaining("moonshot.api-key-file-check-interval must be positive");
	}

	@Test
	void toStringShowsThePathNotTheKey() throws IOException {
		Path key = Files.writeString(this.mount.resolve("api-key"), FIRST);
		this.credentials = ApiKeyFileCredentials.watch(key, INTERVAL);

		assertThat(this.credentials).hasToString("ApiKeyFileCredentials[path=" + key + ", apiKey=******]");
	}

	/** The layout of a mounted secret; returns the path an application is given. */
	private Path mountSecret(String content) throws IOException {
		Path version = Files.createDirectory(this.mount.resolve("..2026_12_03_10_00_00.1"));
		Files.writeString(version.resolve("api-key"), content, StandardCharsets.UTF_8);
		Files.createSymbolicLink(this.mount.resolve("..data"), version.getFileName());
		return Files.createSymbolicLink(this.mount.resolve("api-key"), Path.of("..data", "api-key"));
	}

	/** What the kubelet does on a rotation: a new directory, a new link, renamed over {@code ..data} at once. */
	private void rotateSecret(String content) throws IOException {
		Path old = this.mount.resolve("..data").toRealPath();
		Path version = Files.createDirectory(this.mount.resolve("..2026_12_03_11_00_00.2"));
		Files.writeString(version.resolve("api-key"), content, StandardCharsets.UTF_8);
		Path link = Files.createSymbolicLink(this.mount.resolve("..data_tmp"), version.getFileName());
		Files.move(link, this.mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		Files.delete(old.resolve("api-key"));
		Files.delete(old);
	}

}
