package dev.moonshot.spring.client.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.springframework.util.Assert;

/**
 * Which API key a client sends, told without telling the key: a fingerprint, and since when. Operators compare the
 * fingerprint with the one of the key they rotated in ({@code printf %s "$KEY" | sha256sum | cut -c1-8}).
 *
 * @param fingerprint the first 8 hexadecimal digits of the SHA-256 of the key (as sent, UTF-8): 32 bits, enough to
 * tell keys apart, far too few to find one
 * @param since when the client first read this key (for the first key, when the client was built)
 */
public record ApiKeyInUse(String fingerprint, Instant since) {

	/** Hexadecimal digits of the fingerprint. */
	public static final int FINGERPRINT_LENGTH = 8;

	/**
	 * Check the values.
	 * @param fingerprint the fingerprint
	 * @param since since when
	 */
	public ApiKeyInUse {
		Assert.isTrue(fingerprint != null && fingerprint.length() == FINGERPRINT_LENGTH,
				"fingerprint must be " + FINGERPRINT_LENGTH + " hexadecimal digits");
		Assert.notNull(since, "since must not be null");
	}

	/**
	 * The fingerprint of a key.
	 * @param apiKey the key as sent after {@code Bearer }
	 * @return the first {@value #FINGERPRINT_LENGTH} hexadecimal digits (lower case) of its SHA-256
	 */
	public static String fingerprintOf(String apiKey) {
		Assert.notNull(apiKey, "apiKey must not be null");
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, FINGERPRINT_LENGTH / 2);
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform has SHA-256 (Java SE's MessageDigest contract)
			throw new IllegalStateException(ex);
		}
	}

}
