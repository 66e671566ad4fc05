package dev.moonshot.spring.client;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * A {@link Random} whose draws are the bytes of a fuzzer's input: the generators of {@link FuzzBodies} take their
 * decisions from it, so that a coverage-guided fuzzer mutates the generator's choices (which field, which mutation,
 * which status), not whole bodies. When the input's bytes are used up, draws go on from a generator seeded by the
 * input, so a short input still makes a whole case, and the same input always makes the same case.
 */
final class FuzzRandom extends Random {

	private final byte[] input;

	private int position;

	private final SplittableRandom rest;

	FuzzRandom(byte[] input) {
		super(0);
		this.input = input;
		this.rest = new SplittableRandom(Arrays.hashCode(input) * 0x9E3779B97F4A7C15L + input.length);
	}

	@Override
	protected int next(int bits) {
		int value;
		if (this.position + 4 <= this.input.length) {
			value = ((this.input[this.position] & 0xFF) << 24) | ((this.input[this.position + 1] & 0xFF) << 16)
					| ((this.input[this.position + 2] & 0xFF) << 8) | (this.input[this.position + 3] & 0xFF);
			this.position += 4;
		}
		else {
			this.position = this.input.length;
			value = this.rest.nextInt();
		}
		return value >>> (32 - bits);
	}

}
