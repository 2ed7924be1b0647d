package gw.mock.client;

import java.util.Random;

/**
 * When traffic is on: always ({@link #steady()}), or in bursts that start and stop like a user base's
 * ({@link #onOff}): on for 5 to 20 s, off for 2 to 8 s, drawn from the seed and multiplied by the time
 * scale, so a compressed run keeps the proportions of phases to answer times. Not thread-safe; asked with
 * times that never go back.
 */
final class BurstSchedule {

  static final double MIN_ON_SECONDS = 5;
  static final double MAX_ON_SECONDS = 20;
  static final double MIN_OFF_SECONDS = 2;
  static final double MAX_OFF_SECONDS = 8;

  private final Random random;
  private final double timeScale;
  private double phaseStart;
  private double phaseEnd;
  private boolean on = true;
  private double activeBeforePhase;

  private BurstSchedule(Random random, double timeScale) {
    this.random = random;
    this.timeScale = timeScale;
    this.phaseEnd = random == null ? Double.POSITIVE_INFINITY : onLength();
  }

  static BurstSchedule steady() {
    return new BurstSchedule(null, 1);
  }

  /** Bursts, unless {@code timeScale} is 0 (no time to spread them over): then steady. */
  static BurstSchedule onOff(long seed, double timeScale) {
    return timeScale > 0 ? new BurstSchedule(new Random(seed ^ 0x5eed_b0b5L), timeScale) : steady();
  }

  /** The seconds spent in on phases from the start until {@code elapsedSeconds}. */
  double activeSeconds(double elapsedSeconds) {
    while (elapsedSeconds >= phaseEnd) {
      if (on) {
        activeBeforePhase += phaseEnd - phaseStart;
      }
      on = !on;
      phaseStart = phaseEnd;
      phaseEnd = phaseStart + (on ? onLength() : offLength());
    }
    return activeBeforePhase + (on ? elapsedSeconds - phaseStart : 0);
  }

  private double onLength() {
    return (MIN_ON_SECONDS + random.nextDouble() * (MAX_ON_SECONDS - MIN_ON_SECONDS)) * timeScale;
  }

  private double offLength() {
    return (MIN_OFF_SECONDS + random.nextDouble() * (MAX_OFF_SECONDS - MIN_OFF_SECONDS)) * timeScale;
  }
}
