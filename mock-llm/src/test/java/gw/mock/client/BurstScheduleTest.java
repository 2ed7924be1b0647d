package gw.mock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BurstScheduleTest {

  @Test
  void steadyTrafficIsAlwaysOn() {
    BurstSchedule steady = BurstSchedule.steady();
    assertThat(steady.activeSeconds(0)).isZero();
    assertThat(steady.activeSeconds(123.5)).isEqualTo(123.5);
  }

  @Test
  void burstsStartOnThenPauseAndResume() {
    BurstSchedule bursts = BurstSchedule.onOff(42, 1);
    assertThat(bursts.activeSeconds(4)).isEqualTo(4, within(1e-9));
    double previous = 4;
    int pauses = 0;
    for (double t = 4.1; t < 300; t += 0.1) {
      double active = bursts.activeSeconds(t);
      assertThat(active).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(t);
      if (active == previous) {
        pauses++;
      }
      previous = active;
    }
    double onShare = previous / 300;
    // On 5-20 s, off 2-8 s: on about 12.5 of every 17.5 s.
    assertThat(onShare).isBetween(0.6, 0.85);
    assertThat(pauses).as("tenths of a second without traffic").isGreaterThan(100);
  }

  @Test
  void theTimeScaleCompressesThePhasesAndZeroMeansSteady() {
    BurstSchedule real = BurstSchedule.onOff(7, 1);
    BurstSchedule compressed = BurstSchedule.onOff(7, 0.05);
    assertThat(compressed.activeSeconds(15)).isEqualTo(real.activeSeconds(300) * 0.05, within(1e-6));
    assertThat(BurstSchedule.onOff(7, 0).activeSeconds(50)).isEqualTo(50);
  }
}
