package dev.moonshot.spring.client;

import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ByteArrayResource;

/**
 * A small file to upload, under a name of its own: for tests where only the answer to the upload matters. Equal only
 * to itself, as two uploads of files with the same bytes are two uploads.
 */
final class NamedResource extends ByteArrayResource {

	private final String filename;

	NamedResource(String filename) {
		super(filename.getBytes(StandardCharsets.UTF_8));
		this.filename = filename;
	}

	@Override
	public String getFilename() {
		return this.filename;
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
