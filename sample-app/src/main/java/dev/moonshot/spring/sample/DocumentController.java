package dev.moonshot.spring.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.moonshot.spring.client.MoonshotFilesClient;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileUsage;
import dev.moonshot.spring.retention.MoonshotRetentionJob;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * REST API of the document service. Spring MVC is blocking, so it uses the client's blocking view.
 */
@RestController
@RequestMapping("/documents")
class DocumentController {

	private final MoonshotFilesClient moonshot;

	private final MoonshotRetentionJob retention;

	DocumentController(MoonshotFilesClient moonshot, MoonshotRetentionJob retention) {
		this.moonshot = moonshot;
		this.retention = retention;
	}

	/**
	 * Upload a document for text extraction. The upload is spooled to a temporary file and streamed from there, so
	 * a 100 MB document never sits in the heap. The document's name is its uploader's: the client refuses one it
	 * cannot send safely (a control character, such as a line break), which the error handler answers with a 400.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	FileObject upload(@RequestParam("file") MultipartFile document) throws IOException {
		String filename = lastSegment(document.getOriginalFilename());
		Path spooled = Files.createTempFile("moonshot-upload-", ".tmp");
		try {
			document.transferTo(spooled);
			return this.moonshot.blocking().upload(new FileSystemResource(spooled) {

				@Override
				public String getFilename() {
					return filename;
				}

				@Override
				public String getDescription() {
					return "the uploaded document";
				}

			}, FilePurpose.FILE_EXTRACT);
		}
		finally {
			Files.deleteIfExists(spooled);
		}
	}

	/** The name without any folders a browser sent with it (some send "C:\Users\me\report.pdf"). */
	private static String lastSegment(@Nullable String original) {
		if (original == null || original.isBlank()) {
			return "document";
		}
		return original.substring(Math.max(original.lastIndexOf('/'), original.lastIndexOf('\\')) + 1);
	}

	@GetMapping
	List<FileObject> list() {
		return this.moonshot.blocking().list();
	}

	@GetMapping("/usage")
	FileUsage usage() {
		return this.moonshot.blocking().usage();
	}

	@GetMapping("/{fileId}")
	FileObject retrieve(@PathVariable String fileId) {
		return this.moonshot.blocking().retrieve(fileId);
	}

	@GetMapping(path = "/{fileId}/text", produces = MediaType.TEXT_PLAIN_VALUE)
	String text(@PathVariable String fileId) {
		return this.moonshot.blocking().content(fileId);
	}

	@DeleteMapping("/{fileId}")
	FileDeleteResponse delete(@PathVariable String fileId) {
		return this.moonshot.blocking().delete(fileId);
	}

	/**
	 * Run the starter's retention job now (it also runs on its schedule): deletes this service's files older than
	 * the maximum age, then its oldest ones while the account is over the quota share.
	 * @param dryRun whether to only say what would be deleted
	 * @return what was (or would be) deleted, or that another replica is running it
	 */
	@PostMapping("/cleanup")
	Map<String, Object> cleanUp(@RequestParam(defaultValue = "false") boolean dryRun) {
		return this.retention.runNow(dryRun)
			.<Map<String, Object>>map((report) -> Map.of("summary", report.describe(), "deleted", report.deleted(),
					"wouldDelete", report.rule().dryRun() ? report.selected().stream().map(FileObject::id).toList()
							: List.of(),
					"capReached", report.capReached(), "usage", report.usageAfter()))
			.orElseGet(() -> Map.of("skipped", "another replica is running the retention job"));
	}

}
