package dev.moonshot.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import dev.moonshot.spring.client.retention.RetentionReport;
import dev.moonshot.spring.retention.MoonshotRetentionJob;
import dev.moonshot.spring.retention.ShedLockRetentionLock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances of one application share one account and one lock store: runs triggered at the same moment in
 * all of them end in exactly one run that deletes, every expired file is deleted exactly once, and the provider sees
 * no DELETE twice. On H2, embedded, and on a real PostgreSQL server started from a Maven package.
 */
class RetentionJobOnManyInstancesTests {

	private static final int INSTANCES = 3;

	private static final String SHEDLOCK_TABLE = "CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, "
			+ "lock_until TIMESTAMP NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, "
			+ "PRIMARY KEY (name))";

	@RegisterExtension
	static MoonshotFakeServerExtension moonshot = new MoonshotFakeServerExtension();

	private static EmbeddedPostgres postgres;

	@AfterAll
	static void stopPostgres() throws Exception {
		if (postgres != null) {
			postgres.close();
		}
	}

	@Test
	void oneRunnerAtATimeOnH2() throws Exception {
		String url = "jdbc:h2:mem:shedlock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
		new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")).execute(SHEDLOCK_TABLE);

		runsAtTheSameMomentDeleteEachExpiredFileOnce(url, "sa", "");
	}

	@Test
	void oneRunnerAtATimeOnPostgreSql() throws Exception {
		postgres = EmbeddedPostgres.start();
		String url = postgres.getJdbcUrl("postgres", "postgres");
		new JdbcTemplate(postgres.getPostgresDatabase()).execute(SHEDLOCK_TABLE);

		runsAtTheSameMomentDeleteEachExpiredFileOnce(url, "postgres", "");
	}

	private void runsAtTheSameMomentDeleteEachExpiredFileOnce(String url, String user, String password)
			throws Exception {
		Instant now = Instant.now();
		List<String> expired = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			expired.add(moonshot.server().seed("app-" + i + ".txt", "file-extract", "x", now.minus(Duration.ofDays(30)))
				.id());
		}
		FakeFile fresh = moonshot.server().seed("app-fresh.txt", "file-extract", "x", now);
		FakeFile foreign = moonshot.server().seed("other.txt", "file-extract", "x", now.minus(Duration.ofDays(90)));
		List<ConfigurableApplicationContext> instances = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(INSTANCES);
		try {
			for (int i = 0; i < INSTANCES; i++) {
				instances.add(instance(url, user, password));
			}
			assertThat(instances).allSatisfy((context) -> assertThat(context.getBean("moonshotRetentionLock"))
				.isInstanceOf(ShedLockRetentionLock.class));
			CountDownLatch go = new CountDownLatch(1);
			List<CompletableFuture<Optional<RetentionReport>>> runs = new ArrayList<>();
			for (ConfigurableApplicationContext context : instances) {
				MoonshotRetentionJob job = context.getBean(MoonshotRetentionJob.class);
				runs.add(CompletableFuture.supplyAsync(() -> {
					try {
						go.await();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					return job.runNow(false);
				}, threads));
			}
			go.countDown();
			List<Optional<RetentionReport>> results = new ArrayList<>();
			for (CompletableFuture<Optional<RetentionReport>> run : runs) {
				results.add(run.get(30, TimeUnit.SECONDS));
			}

			assertThat(results).filteredOn(Optional::isPresent).as("exactly one instance ran").hasSize(1);
			RetentionReport report = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
			assertThat(report.deleted()).containsExactlyInAnyOrderElementsOf(expired);
			assertThat(moonshot.server().requestCount(FakeOperation.DELETE)).as("no DELETE twice")
				.isEqualTo(expired.size());
			assertThat(moonshot.server().files()).extracting(FakeFile::id)
				.containsExactlyInAnyOrder(fresh.id(), foreign.id());
		}
		finally {
			instances.forEach(ConfigurableApplicationContext::close);
			threads.shutdownNow();
		}
	}

	private static ConfigurableApplicationContext instance(String url, String user, String password) {
		return new SpringApplicationBuilder(Instance.class).web(WebApplicationType.NONE)
			.properties("moonshot.base-url=" + moonshot.server().baseUrl(),
					"moonshot.api-key=" + moonshot.server().apiKey(), "moonshot.scope.filename-prefix=app-",
					"moonshot.retention.enabled=true", "moonshot.retention.max-age=7d",
					"moonshot.retention.initial-delay=1h", "moonshot.retention.lock-at-least-for=10s",
					"spring.datasource.url=" + url, "spring.datasource.username=" + user,
					"spring.datasource.password=" + password, "spring.main.banner-mode=off")
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Instance {

		@Bean
		LockProvider lockProvider(DataSource dataSource) {
			return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(new JdbcTemplate(dataSource))
				.usingDbTime()
				.build());
		}

	}

}
