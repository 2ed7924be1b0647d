package gw.mock.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RequestPlannerTest {

  @Test
  void theSameSeedPlansTheSameTraffic() {
    assertThat(plans(42, 50)).isEqualTo(plans(42, 50));
    assertThat(plans(43, 50)).isNotEqualTo(plans(42, 50));
  }

  @Test
  void sharesOfStreamingOrderLookupsAndToolFailuresMatchTheirTargets() {
    List<PlannedRequest> plans = plans(1, 20_000);
    assertThat(share(plans.stream().filter(PlannedRequest::stream), plans.size()))
        .isCloseTo(RequestPlanner.STREAM_SHARE, within(0.02));
    assertThat(share(plans.stream().filter(PlannedRequest::orderLookup), plans.size()))
        .isCloseTo(RequestPlanner.ORDER_LOOKUP_SHARE, within(0.02));
    long lookups = plans.stream().filter(PlannedRequest::orderLookup).count();
    assertThat(share(plans.stream().filter(PlannedRequest::orderLookupFails), lookups))
        .isCloseTo(RequestPlanner.ORDER_LOOKUP_FAILURE_SHARE, within(0.01));
  }

  @Test
  void everyQuestionComesUp() {
    assertThat(plans(3, 2_000).stream().map(PlannedRequest::question).distinct())
        .hasSameSizeAs(SampleQuestions.all());
  }

  private static List<PlannedRequest> plans(long seed, int count) {
    RequestPlanner planner = new RequestPlanner(seed, SampleQuestions.all());
    return Stream.generate(planner::next).limit(count).toList();
  }

  private static double share(Stream<PlannedRequest> matching, long total) {
    return (double) matching.count() / total;
  }
}
