package dev.moonshot.spring.client.model;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Which files of the list an application owns, so that a cleanup deletes only those: the ones whose name starts with
 * the application's filename prefix (which its client adds to every upload, see
 * {@link dev.moonshot.spring.client.MoonshotFilesClient.Builder#filenamePrefix(String)}), optionally only of some purposes. With an API version
 * the list itself covers the key's project only; without one it covers the whole organization, and a scope without a
 * prefix would also delete other applications' files (purposes alone do not tell them apart): that takes
 * {@link #everything()}, said explicitly.
 *
 * @param filenamePrefix the prefix of the application's filenames, or {@code null} for any name
 * @param purposes the purposes the application's files have; empty for any purpose
 * @param unrestricted whether the scope was explicitly asked to cover every file the key can see
 */
public record FileScope(@Nullable String filenamePrefix, Set<FilePurpose> purposes, boolean unrestricted) {

	/**
	 * Create a scope, checking that it says what it covers.
	 * @param filenamePrefix the prefix of the application's filenames, or {@code null} for any name
	 * @param purposes the purposes the application's files have; empty for any purpose
	 * @param unrestricted whether the scope was explicitly asked to cover every file the key can see
	 */
	public FileScope {
		Assert.notNull(purposes, "purposes must not be null");
		Assert.isTrue(filenamePrefix == null || !filenamePrefix.isBlank(),
				"filenamePrefix must not be blank; leave it null for any name");
		// the one rule of what marks an application's files: its prefix; purposes alone do not, as other
		// applications upload files of the same purposes
		Assert.isTrue(unrestricted || filenamePrefix != null,
				"A scope needs a filename prefix, the mark the client puts on the application's uploads: purposes "
						+ "alone do not say which files are the application's; to act on every file the key can see, "
						+ "use FileScope.everything()");
		purposes = Set.copyOf(purposes);
	}

	/**
	 * The files whose name starts with a prefix.
	 * @param filenamePrefix the prefix, e.g. {@code invoices-}
	 * @return the scope
	 */
	public static FileScope filenamePrefix(String filenamePrefix) {
		Assert.hasText(filenamePrefix, "filenamePrefix must not be empty");
		return new FileScope(filenamePrefix, Set.of(), false);
	}

	/**
	 * Every file the key can see: in compatible mode the whole organization's, other applications' included.
	 * @return the scope
	 */
	public static FileScope everything() {
		return new FileScope(null, Set.of(), true);
	}

	/**
	 * This scope, narrowed to some purposes.
	 * @param first a purpose
	 * @param more more purposes
	 * @return the narrowed scope
	 */
	public FileScope withPurposes(FilePurpose first, FilePurpose... more) {
		return new FileScope(this.filenamePrefix, EnumSet.of(first, more), this.unrestricted);
	}

	/**
	 * Whether a file is inside the scope.
	 * @param file a file of the list
	 * @return whether the scope owns it
	 */
	public boolean contains(FileObject file) {
		if (this.filenamePrefix != null && !file.filename().startsWith(this.filenamePrefix)) {
			return false;
		}
		if (this.purposes.isEmpty()) {
			return true;
		}
		// a purpose this client does not know is no purpose of the scope's
		FilePurpose purpose = file.knownPurpose();
		return purpose != null && this.purposes.contains(purpose);
	}

	/**
	 * What the scope covers, for reports and logs.
	 * @return e.g. {@code filenames starting with "app-a-", purposes [file-extract]}
	 */
	public String describe() {
		StringBuilder out = new StringBuilder();
		if (this.filenamePrefix != null) {
			out.append("filenames starting with \"").append(this.filenamePrefix).append('"');
		}
		if (!this.purposes.isEmpty()) {
			out.append((out.length() > 0) ? ", " : "").append("purposes ")
				.append(this.purposes.stream().map(FilePurpose::value).sorted().toList());
		}
		return (out.length() > 0) ? out.toString() : "every file the key can see";
	}

}
