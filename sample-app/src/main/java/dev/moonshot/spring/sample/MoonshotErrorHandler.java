package dev.moonshot.spring.sample;

import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotFileCountLimitException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

/**
 * Turns the client's typed exceptions into problem details: callers of the service see what went wrong with the
 * provider, and the provider's request id to quote. What the service's own callers got wrong (bad input, an upload
 * that cannot be read) is a 400.
 */
@RestControllerAdvice
class MoonshotErrorHandler {

	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail badInput(IllegalArgumentException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	/** Tomcat refuses some uploads itself, e.g. a file name with a NUL character. */
	@ExceptionHandler(MultipartException.class)
	ProblemDetail unreadableUpload(MultipartException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The upload is not a readable multipart request: " + ex.getMostSpecificCause().getMessage());
	}

	@ExceptionHandler(MoonshotNotFoundException.class)
	ProblemDetail notFound(MoonshotNotFoundException ex) {
		return withRequestId(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No such document"), ex);
	}

	@ExceptionHandler(MoonshotFileCountLimitException.class)
	ProblemDetail quotaFull(MoonshotFileCountLimitException ex) {
		return withRequestId(ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE,
				"The Moonshot account holds 1,000 files: run POST /documents/cleanup"), ex);
	}

	@ExceptionHandler(MoonshotException.class)
	ProblemDetail providerFailed(MoonshotException ex) {
		HttpStatus status = ex.isRetryable() ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
		return withRequestId(ProblemDetail.forStatusAndDetail(status, ex.getMessage()), ex);
	}

	private static ProblemDetail withRequestId(ProblemDetail problem, MoonshotException ex) {
		if (ex instanceof MoonshotApiException api && api.getRequestId() != null) {
			problem.setProperty("moonshotRequestId", api.getRequestId());
		}
		return problem;
	}

}
