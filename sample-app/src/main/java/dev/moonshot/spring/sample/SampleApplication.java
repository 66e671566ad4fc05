package dev.moonshot.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A document service that uploads documents to the Moonshot platform for text extraction, serves their text, and
 * keeps the account under its file quota with the starter's retention job (one runner across replicas through
 * ShedLock, {@link RetentionLockConfiguration}). It uses the starter as any application would: the dependency, a few
 * lines of {@code application.yml}, and an injected {@code MoonshotFilesClient}. Without a {@code MOONSHOT_API_KEY}
 * it runs against an embedded fake of the API ({@link OfflineMoonshotConfiguration}).
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
