package dev.moonshot.spring.autoconfigure;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The wiring wires: it builds the client from properties and beans, and makes no request and reads no response of its
 * own. Health and metrics reach the provider only through the client's interface.
 */
class AutoConfigureArchitectureTests {

	private static final JavaClasses STARTER = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.moonshot.spring");

	private static final String[] WIRING = { "dev.moonshot.spring.autoconfigure..", "dev.moonshot.spring.health..",
			"dev.moonshot.spring.observation..", "dev.moonshot.spring.retention.." };

	private static final Set<String> REQUEST_METHODS = Set.of("get", "head", "post", "put", "patch", "delete",
			"options", "method");

	@Test
	void theWiringReadsNoBodyAndDecodesNothing() {
		noClasses().that()
			.resideInAnyPackage(WIRING)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.http.codec..", "org.springframework.core.io.buffer..",
					"tools.jackson..", "com.fasterxml.jackson..")
			.because("reading and decoding responses is the client's job (moonshot-files-client)")
			.check(STARTER);
	}

	@Test
	void theWiringNeitherSendsRequestsNorHandlesResponses() {
		noClasses().that()
			.resideInAnyPackage(WIRING)
			.should()
			.dependOnClassesThat()
			.belongToAnyOf(ClientResponse.class, ClientRequest.class, ExchangeFunction.class,
					ExchangeFilterFunction.class, WebClient.RequestHeadersSpec.class, WebClient.RequestBodySpec.class,
					WebClient.ResponseSpec.class)
			.orShould()
			.callMethodWhere(DescribedPredicate.describe("a request method of WebClient",
					(JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(WebClient.class)
							&& REQUEST_METHODS.contains(call.getName())))
			.because("requests and responses are the client's job; the wiring only builds the client")
			.check(STARTER);
	}

	@Test
	void hasNoPackageCycles() {
		slices().matching("dev.moonshot.spring.(**)").should().beFreeOfCycles().check(STARTER);
	}

}
