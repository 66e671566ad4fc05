package dev.moonshot.spring.client;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The client is a library of its own: usable without Spring Boot, with no cycle between its packages.
 */
class ClientArchitectureTests {

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
			.resideOutsideOfPackage("dev.moonshot.spring.client")
			.because("the module is the client alone")
			.check(CLIENT);
	}

}
