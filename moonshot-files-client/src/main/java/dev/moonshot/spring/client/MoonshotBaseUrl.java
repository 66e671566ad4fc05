package dev.moonshot.spring.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The provider's base URL in the one form the client uses: scheme, authority and an optional path prefix, without a
 * trailing slash and without the {@code /v1} that OpenAI-SDK style examples append (the client's paths start with
 * {@code /v1} themselves, so both forms reach {@code /v1/files}).
 */
final class MoonshotBaseUrl {

	private MoonshotBaseUrl() {
	}

	/**
	 * Normalize a configured base URL.
	 * @param baseUrl the configured value
	 * @return the normalized URL, e.g. {@code https://api.moonshot.ai}
	 * @throws IllegalArgumentException if the value is not an absolute http(s) URL with a host
	 */
	static String normalize(String baseUrl) {
		String value = baseUrl.strip();
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw invalid(value, "it is not a valid URI (" + ex.getReason() + ")");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"https".equals(scheme) && !"http".equals(scheme)) {
			throw invalid(value, "it must start with https://");
		}
		if (uri.getHost() == null) {
			throw invalid(value, "it has no host");
		}
		if (uri.getRawUserInfo() != null) {
			throw invalid(value, "it must not carry credentials; set the API key separately");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(value, "it must not have a query or fragment");
		}
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		path = stripTrailingSlashes(path);
		if (path.endsWith("/v1")) {
			path = stripTrailingSlashes(path.substring(0, path.length() - 3));
		}
		return scheme + "://" + uri.getRawAuthority() + path;
	}

	/**
	 * Refuse plain http to anything but the loopback interface: the API key would travel in clear text.
	 * @param normalizedBaseUrl a URL returned by {@link #normalize(String)}
	 * @throws IllegalArgumentException if the URL is plain http to another host
	 */
	static void requireSecure(String normalizedBaseUrl) {
		URI uri = URI.create(normalizedBaseUrl);
		if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
			throw new IllegalArgumentException("Refusing plain http to " + DisplayValue.of(uri.getHost())
					+ ": the Moonshot API key would travel in clear text. Use https://, or, only for a trusted proxy "
					+ "on a network you control, set moonshot.allow-insecure-http=true "
					+ "(MoonshotFilesClient.Builder.allowInsecureHttp(true)).");
		}
	}

	private static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.endsWith(".localhost") || name.equals("[::1]")
				|| name.matches("127(\\.\\d{1,3}){3}");
	}

	private static String stripTrailingSlashes(String path) {
		int end = path.length();
		while (end > 0 && path.charAt(end - 1) == '/') {
			end--;
		}
		return path.substring(0, end);
	}

	private static IllegalArgumentException invalid(String value, String reason) {
		return new IllegalArgumentException("Invalid Moonshot base URL " + DisplayValue.of(value) + ": " + reason
				+ ". Use the provider's URL, e.g. " + MoonshotClientDefaults.BASE_URL + " or https://api.moonshot.cn.");
	}

}
