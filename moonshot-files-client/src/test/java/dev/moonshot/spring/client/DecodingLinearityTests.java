package dev.moonshot.spring.client;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import dev.moonshot.spring.client.CannedConnector.Answer;
import dev.moonshot.spring.client.exception.MoonshotApiException;
import dev.moonshot.spring.client.exception.MoonshotMalformedResponseException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard against decoding that is not linear in the body: for each decoder, bodies built to be expensive (deep
 * nesting, escapes, whitespace, thousands of fields, long numbers, four-byte characters, the key's start over and
 * over) against a plain valid body of the same size. This is not a speed test (the benchmarks measure speed): it
 * looks for an order of magnitude, so it compares the median CPU time of the same thread, runs interleaved, and fails
 * only at 100 times, where quadratic work on a body of 512 KiB would be thousands of times.
 */
class DecodingLinearityTests {

	static final int SIZE = 512 * 1024;

	static final int RUNS = 9;

	static final double LIMIT = 100;

	static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	record Case(String decoder, String body, Answer answer, Supplier<Mono<?>> call) {

	}

	@Test
	void noBodyTakesAHundredTimesAsLongAsAValidOneOfItsSize() {
		MoonshotFilesClient client = ResponseDecoderFuzzTests.versioned;
		Supplier<Mono<?>> retrieve = () -> client.retrieve("file-1");
		Supplier<Mono<?>> list = client::list;
		Supplier<Mono<?>> delete = () -> client.delete("file-1");
		Supplier<Mono<?>> content = () -> client.content("file-1");
		Supplier<Mono<?>> failing = () -> client.retrieve("file-1").onErrorResume(MoonshotApiException.class,
				(ex) -> Mono.empty());
		List<Case[]> pairs = new ArrayList<>();
		Case plainFile = json("file object", "valid, a long filename", retrieve, file("a".repeat(SIZE - 200), ""));
		pairs.add(pair(plainFile, json("file object", "escapes", retrieve, file("\\u00e9".repeat((SIZE - 200) / 6), ""))));
		pairs.add(pair(plainFile, json("file object", "whitespace", retrieve, file("a", " ".repeat(SIZE - 200)))));
		pairs.add(pair(plainFile, json("file object", "nesting 400 deep, over and over", retrieve,
				file("a", repeatFields("[".repeat(400) + "]".repeat(400), SIZE - 200)))));
		pairs.add(pair(plainFile, json("file object", "thousands of fields", retrieve, file("a", distinctFields(SIZE - 200)))));
		pairs.add(pair(plainFile, json("file object", "numbers of 999 digits", retrieve,
				file("a", repeatFields("9".repeat(999), SIZE - 200)))));
		pairs.add(pair(plainFile, json("file object", "four-byte characters", retrieve,
				file("\uD83D\uDE00".repeat((SIZE - 200) / 4), ""))));
		Case plainList = json("list page", "valid, a few files", list, page(8, SIZE));
		pairs.add(pair(plainList, json("list page", "thousands of small files", list, page(SIZE / 190, SIZE))));
		pairs.add(pair(plainList, json("list page", "a rejected file at the end", list,
				page(8, SIZE).replace("\"ready\"}]", "\"ready\",\"size_bytes\":\"x\"}]"))));
		Case plainDelete = json("delete", "valid, a long id", delete,
				"{\"id\":\"" + "f".repeat(SIZE - 40) + "\",\"object\":\"file\",\"deleted\":true}");
		pairs.add(pair(plainDelete, json("delete", "escapes", delete,
				"{\"id\":\"" + "\\\"".repeat((SIZE - 40) / 2) + "\",\"object\":\"file\",\"deleted\":true}")));
		Case plainText = text("content", "valid, ASCII text", content, "text/plain", "a".repeat(SIZE));
		pairs.add(pair(plainText, text("content", "four-byte characters", content, "text/plain",
				"\uD83D\uDE00".repeat(SIZE / 4))));
		pairs.add(pair(plainText, text("content", "JSON, escapes", content, "application/json",
				"{\"content\":\"" + "\\n".repeat((SIZE - 20) / 2) + "\"}")));
		pairs.add(pair(plainText, text("content", "JSON, thousands of fields", content, "application/json",
				"{" + distinctFields(SIZE - 40) + ",\"content\":\"x\"}")));
		Case plainError = error("error body", "plain text", failing, "e".repeat(SIZE));
		pairs.add(pair(plainError, error("error body", "the key's start over and over", failing,
				ResponseDecoderFuzzTests.KEY.substring(0, 12).repeat(SIZE / 12))));
		pairs.add(pair(plainError, error("error body", "whitespace", failing, " \t\n".repeat(SIZE / 3))));
		pairs.add(pair(plainError, error("error body", "JSON nesting 400 deep, over and over", failing,
				"{\"error\":{\"message\":\"m\"," + repeatFields("[".repeat(400) + "]".repeat(400), SIZE - 40) + "}}")));

		List<String> report = new ArrayList<>();
		report.add(String.format("%-12s %-40s %10s %10s %8s", "decoder", "body (" + SIZE / 1024 + " KiB)",
				"valid µs", "this µs", "ratio"));
		double worst = 0;
		for (Case[] pair : pairs) {
			double[] medians = medians(pair[0], pair[1]);
			double ratio = medians[1] / medians[0];
			worst = Math.max(worst, ratio);
			report.add(String.format("%-12s %-40s %10.0f %10.0f %8.2f", pair[1].decoder(), pair[1].body(),
					medians[0] / 1000, medians[1] / 1000, ratio));
			assertThat(ratio).as("%s: %s takes %.1f times as long as a valid body of its size", pair[1].decoder(),
					pair[1].body(), ratio).isLessThan(LIMIT);
		}
		report.add(String.format("worst ratio %.2f (limit %.0f)", worst, LIMIT));
		System.out.println(String.join(System.lineSeparator(), report));
	}

	/** The median CPU time of each of two cases, run in turns after a warm-up. */
	private static double[] medians(Case valid, Case other) {
		for (int i = 0; i < 3; i++) {
			run(valid);
			run(other);
		}
		long[][] times = new long[2][RUNS];
		for (int i = 0; i < RUNS; i++) {
			times[0][i] = run(valid);
			times[1][i] = run(other);
		}
		Arrays.sort(times[0]);
		Arrays.sort(times[1]);
		return new double[] { Math.max(1, times[0][RUNS / 2]), times[1][RUNS / 2] };
	}

	/** One decoding, in CPU time of this thread: the connector answers on it, and the decoders run on it. */
	private static long run(Case decoding) {
		ResponseDecoderFuzzTests.connector.answer((uri) -> decoding.answer(), new Random(0));
		long start = threads.getCurrentThreadCpuTime();
		try {
			decoding.call().get().block(ResponseDecoderFuzzTests.NO_HANG);
		}
		catch (MoonshotMalformedResponseException expected) {
			// a rejected body is decoded too: how long the rejection took is what counts
		}
		return threads.getCurrentThreadCpuTime() - start;
	}

	private static Case[] pair(Case valid, Case other) {
		int validSize = valid.answer().body().length;
		int size = other.answer().body().length;
		assertThat(Math.abs(size - validSize)).as("%s is of the size of its valid body", other.body())
			.isLessThan(validSize / 20);
		return new Case[] { valid, other };
	}

	private static Case json(String decoder, String body, Supplier<Mono<?>> call, String json) {
		return new Case(decoder, body, Answer.of(200, "application/json", json.getBytes(StandardCharsets.UTF_8)), call);
	}

	private static Case text(String decoder, String body, Supplier<Mono<?>> call, String type, String text) {
		return new Case(decoder, body, Answer.of(200, type, text.getBytes(StandardCharsets.UTF_8)), call);
	}

	private static Case error(String decoder, String body, Supplier<Mono<?>> call, String text) {
		return new Case(decoder, body, Answer.of(500, "text/plain", text.getBytes(StandardCharsets.UTF_8)), call);
	}

	/** A versioned file object with the given filename (raw JSON string content) and raw JSON before its end. */
	private static String file(String filename, String more) {
		return "{\"id\":\"file-1\",\"filename\":\"" + filename + "\",\"purpose\":\"file-extract\",\"size_bytes\":3,"
				+ "\"created_at\":\"2026-12-02T10:00:00Z\",\"extract_status\":\"ready\""
				+ (more.isBlank() ? more : "," + more) + "}";
	}

	private static String page(int files, int size) {
		StringBuilder json = new StringBuilder("{\"items\":[");
		int filename = Math.max(1, (size - 20) / files - file("", "").length() - 1);
		for (int i = 0; i < files; i++) {
			json.append((i > 0) ? "," : "").append(file("n".repeat(filename), ""));
		}
		return json.append("]}").toString();
	}

	/** Unknown fields holding the same value, filling about {@code size} characters. */
	private static String repeatFields(String value, int size) {
		StringBuilder json = new StringBuilder(size + value.length());
		for (int i = 0; json.length() < size - value.length() - 16; i++) {
			json.append(i > 0 ? "," : "").append("\"u").append(i).append("\":").append(value);
		}
		return json.toString();
	}

	/** Distinct unknown fields with small values, filling about {@code size} characters. */
	private static String distinctFields(int size) {
		StringBuilder json = new StringBuilder(size + 32);
		for (int i = 0; json.length() < size - 32; i++) {
			json.append(i > 0 ? "," : "").append("\"field").append(Integer.toHexString(i * 7919)).append("\":")
				.append(i % 10);
		}
		return json.toString();
	}

}
