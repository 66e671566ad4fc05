package dev.moonshot.spring.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import dev.moonshot.spring.client.exception.MoonshotException;
import dev.moonshot.spring.client.exception.MoonshotNotFoundException;
import dev.moonshot.spring.client.model.FileDeleteResponse;
import dev.moonshot.spring.client.model.FileDeletionReport;
import dev.moonshot.spring.client.model.FileObject;
import dev.moonshot.spring.client.model.FilePurpose;
import dev.moonshot.spring.client.model.FileScope;
import dev.moonshot.spring.client.model.FileUsage;

import org.springframework.core.io.Resource;

/**
 * Blocking view of a {@link MoonshotFilesClient}, obtained with {@link MoonshotFilesClient#blocking()}, with the same
 * operations.
 * <p>
 * Each call waits at most the client's call timeout, retries included (the upload timeout for uploads; the bulk
 * operations are many calls, each with its own) and throws what the reactive call would signal: a {@link MoonshotException}, or an
 * {@link IllegalArgumentException} for bad input before anything is sent. It must not be called on a non-blocking
 * thread (a Reactor Netty event loop or a {@code parallel} scheduler worker): there it fails at once with an
 * {@link IllegalStateException}, before anything is sent, instead of stalling the event loop.
 */
public interface BlockingMoonshotFilesClient {

	/**
	 * Upload a file. See {@link MoonshotFilesClient#upload(Resource, FilePurpose)}.
	 * @param file the content, with a filename
	 * @param purpose what the file is for
	 * @return the stored file
	 */
	FileObject upload(Resource file, FilePurpose purpose);

	/**
	 * Upload a file from the file system. See {@link MoonshotFilesClient#upload(Path, FilePurpose)}.
	 * @param file path of the file
	 * @param purpose what the file is for
	 * @return the stored file
	 */
	FileObject upload(Path file, FilePurpose purpose);

	/**
	 * List the account's files. See {@link MoonshotFilesClient#list()}.
	 * @return every file the account stores
	 */
	List<FileObject> list();

	/**
	 * Retrieve one file's metadata. See {@link MoonshotFilesClient#retrieve(String)}.
	 * @param fileId the file's id
	 * @return the file
	 */
	FileObject retrieve(String fileId);

	/**
	 * The text extracted from a file. See {@link MoonshotFilesClient#content(String)}.
	 * @param fileId the file's id
	 * @return the extracted text
	 */
	String content(String fileId);

	/**
	 * Delete an uploaded file. See {@link MoonshotFilesClient#delete(String)}.
	 * @param fileId the id of the file
	 * @return the provider's confirmation
	 * @throws MoonshotNotFoundException if no such file exists
	 */
	FileDeleteResponse delete(String fileId);

	/**
	 * Delete a file if it exists. See {@link MoonshotFilesClient#deleteIfExists(String)}.
	 * @param fileId the id of the file
	 * @return {@code true} if deleted, {@code false} if it was already gone
	 */
	boolean deleteIfExists(String fileId);

	/**
	 * Delete many files. See {@link MoonshotFilesClient#deleteAll(Collection)}.
	 * @param fileIds the ids
	 * @return the report
	 */
	FileDeletionReport deleteAll(Collection<String> fileIds);

	/**
	 * Delete every file that matches a predicate. See {@link MoonshotFilesClient#deleteMatching(Predicate)}.
	 * @param filter which files to delete
	 * @return the report
	 */
	FileDeletionReport deleteMatching(Predicate<FileObject> filter);

	/**
	 * Delete every file of a scope older than an age. See
	 * {@link MoonshotFilesClient#deleteOlderThan(FileScope, Duration)}.
	 * @param scope the files the call may delete
	 * @param age the age from which files are deleted
	 * @return the report
	 */
	FileDeletionReport deleteOlderThan(FileScope scope, Duration age);

	/**
	 * Upload a document, return its extracted text, and delete it whatever happens. See
	 * {@link MoonshotFilesClient#extract(Resource)}.
	 * @param file the document
	 * @return the extracted text
	 */
	String extract(Resource file);

	/**
	 * See {@link MoonshotFilesClient#extract(Path)}.
	 * @param file the document
	 * @return the extracted text
	 */
	String extract(Path file);

	/**
	 * How much of the account's quota is in use. See {@link MoonshotFilesClient#usage()}.
	 * @return the usage
	 */
	FileUsage usage();

}
