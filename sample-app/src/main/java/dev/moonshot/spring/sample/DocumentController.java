package dev.moonshot.spring.sample;

import dev.moonshot.spring.client.FileDeleteResponse;
import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.MoonshotNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST endpoints of the document service. Spring MVC is blocking, so it uses the client's blocking view.
 */
@RestController
@RequestMapping("/documents")
class DocumentController {

	private final MoonshotFilesClient moonshot;

	DocumentController(MoonshotFilesClient moonshot) {
		this.moonshot = moonshot;
	}

	@DeleteMapping("/{fileId}")
	FileDeleteResponse delete(@PathVariable String fileId) {
		return this.moonshot.blocking().delete(fileId);
	}

	@ExceptionHandler(MoonshotNotFoundException.class)
	ProblemDetail notFound(MoonshotNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such file at Moonshot");
		problem.setProperty("requestId", ex.getRequestId());
		return problem;
	}

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badFileId(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

}
