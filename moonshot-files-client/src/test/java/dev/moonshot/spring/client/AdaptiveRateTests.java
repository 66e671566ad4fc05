package dev.moonshot.spring.client;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The pace of a bulk operation, on a clock of its own (nanoseconds), against the provider's headers and, in the last
 * tests, against a simulated organization-wide bucket shared by several replicas.
 */
class AdaptiveRateTests {

	private static final long MS = 1_000_000L;

	@Test
	void noPaceUntilTheProviderStatesALimit() {
		AdaptiveRate rate = new AdaptiveRate();
		rate.observe(0, 3, -1);
		assertThat(rate.rate()).as("a remaining count without a limit sets no pace").isZero();
		rate.rateLimited(0);
		assertThat(rate.rate()).isZero();
	}

	@Test
	void theStatedLimitIsThePaceAtFirstAndALowerLimitIsFollowedAtOnce() {
		AdaptiveRate rate = new AdaptiveRate();
		rate.observe(0, 9, 3000);
		assertThat(rate.rate()).isEqualTo(50.0);
		for (int i = 1; i <= 100; i++) {
			rate.observe(i * MS, 9, 3000);
		}
		assertThat(rate.rate()).as("a full bucket grows the rate only up to the limit").isEqualTo(50.0);

		rate.observe(200 * MS, 4, 1500);
		assertThat(rate.rate()).isEqualTo(25.0);
	}

	@Test
	void aBucketUnderHalfFullLowersTheRateMoreTheLargerItsShareOncePerTenthOfASecond() {
		AdaptiveRate rate = new AdaptiveRate();
		rate.observe(0, 9, 3000);

		rate.observe(10 * MS, 4, 3000);
		assertThat(rate.rate()).as("at the whole limit: halved").isCloseTo(25.0, within(1e-9));
		rate.observe(20 * MS, 0, 3000);
		assertThat(rate.rate()).as("the lower rate has not shown yet").isCloseTo(25.0, within(1e-9));
		rate.observe(110 * MS, 1, 3000);
		assertThat(rate.rate()).as("at half the limit: by 0.85 - 0.35 / 2").isCloseTo(16.875, within(1e-9));
	}

	@Test
	void aRateLimitHalvesTheRateOncePerTenthOfASecondAndAFullBucketBringsItBack() {
		AdaptiveRate rate = new AdaptiveRate();
		rate.observe(0, 9, 3000);

		rate.rateLimited(10 * MS);
		rate.rateLimited(11 * MS);
		assertThat(rate.rate()).isEqualTo(25.0);

		long now = 300 * MS;
		for (int i = 0; i < 100; i++) {
			now += 40 * MS;
			rate.observe(now, 9, 3000);
		}
		assertThat(rate.rate()).as("a fifth of the limit more per second, up to the limit").isEqualTo(50.0);
	}

	@Test
	void aBucketThreeQuartersFullGrowsTheRateSlowlyAndOneHalfFullHoldsIt() {
		AdaptiveRate rate = new AdaptiveRate();
		rate.observe(0, 8, 3000);
		rate.rateLimited(0);

		rate.observe(10 * MS, 6, 3000);
		assertThat(rate.rate()).as("25 + 5 % of 50 / 25").isCloseTo(25.1, within(1e-9));
		rate.observe(20 * MS, 4, 3000);
		assertThat(rate.rate()).isCloseTo(25.1, within(1e-9));
	}

	@Test
	void oneReplicaRunsAtTheLimitWithoutBeingRefused() {
		Simulation run = new Simulation(1, 1_000, false).run();
		assertThat(run.seconds()).as("the limit's minimum is (1,000 - 10) / 50 = 19.8 s").isLessThan(20.0 * 1.05);
		assertThat(run.refused).isZero();
	}

	@Test
	void fourReplicasShareTheLimitFairlyAndFinishNearItsMinimum() {
		Simulation run = new Simulation(4, 250, false).run();
		assertThat(run.seconds()).isLessThan(20.0 * 1.10);
		assertThat(run.slowestOverFastest()).as("finish times %s", run.finished).isLessThan(1.25);
		assertThat(run.refused).as("refused of 1,000, when the four start together").isLessThanOrEqualTo(5);
	}

	@Test
	void replicasFollowALimitThatHalvesAndComesBack() {
		// the minimum: 10 + 250 by 5 s, 5 + 250 by 15 s, 10 + 50/s after: 1,000 by 24.5 s
		Simulation one = new Simulation(1, 1_000, true).run();
		assertThat(one.seconds()).isLessThan(24.5 * 1.05);
		assertThat(one.refused).isZero();

		Simulation four = new Simulation(4, 250, true).run();
		assertThat(four.seconds()).isLessThan(24.5 * 1.15);
		assertThat(four.slowestOverFastest()).as("finish times %s", four.finished).isLessThan(1.25);
	}

	/**
	 * Replicas that each pace their sends with an {@link AdaptiveRate}, against one bucket of 50/s with room for 10,
	 * which states its limit and level as the provider does (or, when halving, 25/s with room for 5 from 5 s to 15 s);
	 * a refused send holds its replica back for one second (the whole-second {@code Retry-After}) and is sent again.
	 * Answers arrive 2 ms after their request.
	 */
	private static final class Simulation {

		private final int replicas;

		private final int each;

		private final List<Double> finished = new ArrayList<>();

		private int refused;

		private double endSeconds;

		private final boolean halving;

		Simulation(int replicas, int each, boolean halving) {
			this.replicas = replicas;
			this.each = each;
			this.halving = halving;
		}

		Simulation run() {
			AdaptiveRate[] rates = new AdaptiveRate[this.replicas];
			long[] nextSend = new long[this.replicas];
			int[] done = new int[this.replicas];
			long[] lastSend = new long[this.replicas];
			for (int r = 0; r < this.replicas; r++) {
				rates[r] = new AdaptiveRate();
				nextSend[r] = r * MS / 10;
				lastSend[r] = Long.MIN_VALUE / 2;
			}
			double tokens = 10;
			double perSecond = 50;
			int burst = 10;
			long refilledAt = 0;
			int finishedReplicas = 0;
			while (finishedReplicas < this.replicas) {
				int r = 0;
				for (int i = 1; i < this.replicas; i++) {
					if (done[i] < this.each && (done[r] >= this.each || nextSend[i] < nextSend[r])) {
						r = i;
					}
				}
				long now = nextSend[r];
				// the pace: one send per interval at the rate of the moment
				long due = (rates[r].rate() == 0) ? now : lastSend[r] + (long) (1e9 / rates[r].rate());
				if (due > now) {
					nextSend[r] = due;
					continue;
				}
				lastSend[r] = now;
				int limit = (this.halving && now >= 5_000 * MS && now < 15_000 * MS) ? 25 : 50;
				if (limit != perSecond) {
					// the provider's new limit starts with a full bucket, as the fake's does
					perSecond = limit;
					burst = limit / 5;
					tokens = burst;
				}
				else {
					tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
				}
				refilledAt = now;
				long answered = now + 2 * MS;
				if (tokens >= 1) {
					tokens -= 1;
					rates[r].observe(answered, (int) tokens, (int) perSecond * 60);
					if (++done[r] == this.each) {
						this.finished.add(answered / 1e9);
						this.endSeconds = Math.max(this.endSeconds, answered / 1e9);
						finishedReplicas++;
					}
					nextSend[r] = answered;
				}
				else {
					this.refused++;
					rates[r].observe(answered, 0, (int) perSecond * 60);
					rates[r].rateLimited(answered);
					nextSend[r] = answered + 1_000 * MS;
				}
			}
			return this;
		}

		double seconds() {
			return this.endSeconds;
		}

		double slowestOverFastest() {
			return this.finished.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
					/ this.finished.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		}

	}

}
