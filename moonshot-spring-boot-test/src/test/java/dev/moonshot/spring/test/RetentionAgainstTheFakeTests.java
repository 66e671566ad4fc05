package dev.moonshot.spring.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import dev.moonshot.spring.client.MoonshotApiVersion;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.retention.MoonshotRetention;
import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.client.retention.RetentionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Two applications share one account: each cleans up its own files and never the other's, in both API modes.
 */
@ParameterizedClass(name = "api version \"{0}\"")
@ValueSource(strings = { "", MoonshotApiVersion.V2026_09_01_BETA })
class RetentionAgainstTheFakeTests {

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	@Parameter
	String apiVersion;

	private final Instant now = Instant.now();

	private MoonshotFilesClient application(String prefix) {
		return moonshot.server()
			.client()
			.mutate()
			.apiVersion(this.apiVersion.isEmpty() ? null : this.apiVersion)
			.filenamePrefix(prefix)
			.build();
	}

	private FakeFile seed(String name, Duration age) {
		return moonshot.server().seed(name, "file-extract", name, this.now.minus(age));
	}

	@Test
	void aRunForOneApplicationDeletesExactlyItsExpiredFiles() {
		FakeFile aOld = seed("app-a-old.txt", Duration.ofDays(30));
		FakeFile aOlder = seed("app-a-older.txt", Duration.ofDays(40));
		FakeFile aNew = seed("app-a-new.txt", Duration.ofDays(1));
		FakeFile bOld = seed("app-b-old.txt", Duration.ofDays(30));
		FakeFile bNew = seed("app-b-new.txt", Duration.ofDays(1));
		FakeFile foreign = seed("unprefixed.txt", Duration.ofDays(90));
		MoonshotFilesClient appA = application("app-a-");
		FileObject uploaded = appA.upload(document("fresh.txt"), FilePurpose.FILE_EXTRACT).block();

		RetentionReport report = new MoonshotRetention(appA)
			.run(new RetentionRule(FileScope.filenamePrefix("app-a-"), Duration.ofDays(7), null, 100, false))
			.block();

		assertThat(uploaded.filename()).as("the client marks its uploads").isEqualTo("app-a-fresh.txt");
		assertThat(report.deleted()).as("oldest first").containsExactly(aOlder.id(), aOld.id());
		assertThat(report.isComplete()).isTrue();
		assertThat(moonshot.server().files()).extracting(FakeFile::id)
			.containsExactlyInAnyOrder(aNew.id(), bOld.id(), bNew.id(), foreign.id(), uploaded.id());
		assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).isEqualTo(2);
		assertThat(report.usageAfter().files()).isEqualTo(report.usageBefore().files() - 2);
	}

	@Test
	void aDryRunSaysWhatItWouldDeleteAndSendsNoDelete() {
		FakeFile old = seed("app-a-old.txt", Duration.ofDays(30));
		seed("app-b-old.txt", Duration.ofDays(30));

		RetentionReport plan = new MoonshotRetention(application("app-a-"))
			.run(new RetentionRule(FileScope.filenamePrefix("app-a-"), Duration.ofDays(7), null, 100, true))
			.block();

		assertThat(plan.selected()).extracting(FileObject::id).containsExactly(old.id());
		assertThat(plan.deletions()).isEmpty();
		assertThat(plan.describe()).startsWith("Moonshot retention dry run would delete 1 file(s) of filenames "
				+ "starting with \"app-a-\"");
		assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).isZero();
		assertThat(moonshot.server().files()).hasSize(2);
	}

	@Test
	void theCapStopsARunOldestFirstAndSaysSo() {
		for (int i = 0; i < 5; i++) {
			seed("app-a-" + i + ".txt", Duration.ofDays(10 + i));
		}

		RetentionReport report = new MoonshotRetention(application("app-a-"))
			.run(new RetentionRule(FileScope.filenamePrefix("app-a-"), Duration.ofDays(7), null, 2, false))
			.block();

		assertThat(report.capReached()).isTrue();
		assertThat(report.selected()).extracting(FileObject::filename).containsExactly("app-a-4.txt", "app-a-3.txt");
		assertThat(report.describe()).contains("the cap of 2 per run was reached");
		assertThat(moonshot.server().files()).hasSize(3);
	}

	@Test
	void aQuotaShareDeletesTheScopesOldestFilesUntilUsageIsUnderIt() {
		for (int i = 0; i < 10; i++) {
			moonshot.server().seedOfSize("app-b-" + i + ".bin", "file-extract", 1, this.now.minus(Duration.ofDays(i)));
		}
		for (int i = 0; i < 10; i++) {
			moonshot.server().seedOfSize("app-a-" + i + ".bin", "file-extract", 1, this.now.minus(Duration.ofHours(i)));
		}

		RetentionReport report = new MoonshotRetention(application("app-a-"))
			.run(new RetentionRule(FileScope.filenamePrefix("app-a-"), null, 0.015, 100, false))
			.block();

		assertThat(report.deleted()).hasSize(5);
		assertThat(report.usageAfter().files()).isEqualTo(15);
		assertThat(moonshot.server().files()).extracting(FakeFile::filename)
			.as("the five oldest of the scope went, every file of the other application stayed")
			.doesNotContain("app-a-9.bin", "app-a-8.bin", "app-a-7.bin", "app-a-6.bin", "app-a-5.bin")
			.contains("app-a-4.bin", "app-b-9.bin");
	}

	@Test
	void aScopeMustSayWhatItCovers() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FileScope(null, java.util.Set.of(), false))
			.withMessageContaining("FileScope.everything()");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetentionRule(FileScope.filenamePrefix("a-"), null, null, 10, false))
			.withMessageContaining("needs a maximum age or a quota share");
	}

	private static ByteArrayResource document(String name) {
		return new ByteArrayResource(name.getBytes(StandardCharsets.UTF_8)) {

			@Override
			public String getFilename() {
				return name;
			}

		};
	}

}
