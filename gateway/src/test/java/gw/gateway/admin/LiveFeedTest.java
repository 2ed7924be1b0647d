package gw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveFeedTest {
  @Test
  void latencyQuantilesComeFromTheHistogramsBuckets() {
    double[] bounds = {10, 50, 100, 500};
    double[] cumulative = {0, 50, 90, 100};
    assertThat(LiveFeed.quantile(bounds, cumulative, 0.5)).isEqualTo(50.0);
    assertThat(LiveFeed.quantile(bounds, cumulative, 0.7)).isEqualTo(75.0);
    assertThat(LiveFeed.quantile(bounds, cumulative, 0.95)).isEqualTo(300.0);
    assertThat(LiveFeed.quantile(bounds, new double[] {0, 0, 0, 0}, 0.5)).isNull();
  }
}
