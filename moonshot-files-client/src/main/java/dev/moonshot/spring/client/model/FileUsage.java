package dev.moonshot.spring.client.model;

import java.util.List;

/**
 * How much of the account's file quota is used: at most {@link #MAX_FILES} files and {@link #MAX_TOTAL_BYTES} bytes
 * for all files together. When the file count is exhausted, uploads fail until old files are deleted.
 *
 * @param files number of files stored
 * @param bytes total size of the files stored, in bytes
 */
public record FileUsage(int files, long bytes) {

	/** Most files an account may store. */
	public static final int MAX_FILES = 1_000;

	/** Most bytes an account may store in all files together: 10 GiB. */
	public static final long MAX_TOTAL_BYTES = 10L * 1024 * 1024 * 1024;

	/** Largest single file the provider accepts: 100 MiB. */
	public static final long MAX_FILE_BYTES = 100L * 1024 * 1024;

	/**
	 * The usage of a list of the account's files.
	 * @param files every file of the account, as {@link dev.moonshot.spring.client.MoonshotFilesClient#list()} returns them
	 * @return their count and total size
	 */
	public static FileUsage of(List<FileObject> files) {
		return new FileUsage(files.size(), files.stream().mapToLong(FileObject::bytes).sum());
	}

	/**
	 * Share of the file-count quota in use.
	 * @return {@code files / 1000}, e.g. {@code 0.25}
	 */
	public double fileShare() {
		return (double) this.files / MAX_FILES;
	}

	/**
	 * Share of the storage quota in use.
	 * @return {@code bytes / 10 GiB}
	 */
	public double byteShare() {
		return (double) this.bytes / MAX_TOTAL_BYTES;
	}

	/**
	 * Files that can still be uploaded.
	 * @return the remaining file count, never negative
	 */
	public int remainingFiles() {
		return Math.max(0, MAX_FILES - this.files);
	}

	/**
	 * Bytes that can still be uploaded.
	 * @return the remaining storage, never negative
	 */
	public long remainingBytes() {
		return Math.max(0, MAX_TOTAL_BYTES - this.bytes);
	}

}
