package dev.moonshot.spring.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A document service that keeps the files it uploaded for extraction on the Moonshot platform, and deletes them
 * when they are no longer needed. It uses the starter exactly as any application would: the dependency, a few lines
 * of {@code application.yml}, and an injected {@code MoonshotFilesClient}.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
