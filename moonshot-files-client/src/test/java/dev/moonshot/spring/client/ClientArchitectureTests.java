package dev.moonshot.spring.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client is a library of its own, usable without Spring Boot, whose packages show its architecture: the API
 * with its package-private engine ({@code dev.moonshot.spring.client}, as Spring keeps {@code DefaultWebClient}
 * beside {@code WebClient}), the records users receive ({@code .model}), the exceptions ({@code .exception}) and
 * cleanup ({@code .retention}), with no cycle between them.
 */
class ClientArchitectureTests {

	private static final String API = "dev.moonshot.spring.client";

	private static final JavaClasses CLIENT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.moonshot.spring");

	@Test
	void usesNoSpringBootClass() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAPackage("org.springframework.boot..")
			.because("the client must work without Spring Boot; the wiring lives in moonshot-spring-boot-autoconfigure")
			.check(CLIENT);
	}

	@Test
	void hasNoPackageCycles() {
		slices().matching("dev.moonshot.spring.(**)").should().beFreeOfCycles().check(CLIENT);
	}

	@Test
	void holdsOnlyTheClient() {
		noClasses().should()
			.resideOutsideOfPackage(API + "..")
			.because("the module is the client alone")
			.check(CLIENT);
	}

	@Test
	void theRecordsAndTheExceptionsStandWithoutTheClient() {
		noClasses().that()
			.resideInAnyPackage(API + ".model..", API + ".exception..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(API, API + ".retention..")
			.because("users receive them from the client, and a test double builds them without one")
			.check(CLIENT);
		noClasses().that()
			.resideInAPackage(API + ".exception..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage(API + ".model..")
			.check(CLIENT);
	}

	@Test
	void theEngineIsInvisible() {
		classes().that()
			.resideInAPackage(API)
			.and()
			.arePublic()
			.and()
			.areTopLevelClasses()
			.should()
			.haveSimpleNameStartingWith("Moonshot")
			.orShould()
			.haveSimpleNameStartingWith("BlockingMoonshot")
			.orShould()
			.haveSimpleName("DefaultMoonshotClientObservationConvention")
			.because("the engine (pipeline, retry policy, rate limiter, translator, decoders) is package-private "
					+ "beside the API it serves")
			.check(CLIENT);
		noClasses().that()
			.resideOutsideOfPackage(API)
			.should()
			.dependOnClassesThat()
			.haveNameMatching(API.replace(".", "\\.") + "\\.(CallPipeline|RetryPolicy|RateLimiter|Operation|"
					+ "MoonshotExceptionTranslator|Decoders|WireTypes|DefaultMoonshotFilesClient)")
			.check(CLIENT);
	}

}
