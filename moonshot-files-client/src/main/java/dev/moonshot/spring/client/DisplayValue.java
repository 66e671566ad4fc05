package dev.moonshot.spring.client;

/**
 * Renders a caller-supplied value for an error message: quoted, control and non-ASCII characters escaped, and
 * truncated, so a bad value can neither forge log lines nor flood them.
 */
final class DisplayValue {

	private static final int MAX_CHARS = 64;

	private DisplayValue() {
	}

	static String of(String value) {
		StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 24).append('"');
		int shown = Math.min(value.length(), MAX_CHARS);
		for (int i = 0; i < shown; i++) {
			char c = value.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c >= 0x20 && c < 0x7f) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		out.append('"');
		if (value.length() > MAX_CHARS) {
			out.append("... (").append(value.length()).append(" characters)");
		}
		return out.toString();
	}

}
