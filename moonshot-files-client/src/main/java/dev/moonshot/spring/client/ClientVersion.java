package dev.moonshot.spring.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The starter's version, written into {@code version.properties} by the build, and the {@code User-Agent} that
 * names it.
 */
final class ClientVersion {

	static final String VERSION = load();

	static final String USER_AGENT = "moonshot-spring-boot-starter/" + VERSION;

	private ClientVersion() {
	}

	private static String load() {
		try (InputStream in = ClientVersion.class.getResourceAsStream("version.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("${")) {
					return version.strip();
				}
			}
		}
		catch (IOException ex) {
			// fall through to "unknown": the User-Agent is informative, never worth failing for
		}
		return "unknown";
	}

}
