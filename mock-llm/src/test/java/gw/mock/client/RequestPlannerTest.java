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

  @Test
  void theRealisticMixHasDetailsLongAnswerAsksRareOutOfScopeQuestionsStreamsAndJson() {
    RequestPlanner planner = RequestPlanner.realistic(5);
    List<PlannedRequest> plans = Stream.generate(planner::next).limit(20_000).toList();
    double outOfScope = share(plans.stream().filter(plan -> RealisticQuestions.outOfScope().contains(plan.question())),
        plans.size());
    assertThat(outOfScope).isCloseTo(RequestPlanner.REALISTIC_OUT_OF_SCOPE_SHARE, within(0.005)).isLessThan(0.02);
    assertThat(share(plans.stream().filter(plan -> !plan.userMessage().equals(plan.question().text())
        && !plan.userMessage().equals(RealisticQuestions.askingForDetail(plan.question().text()))), plans.size()))
        .isCloseTo(RequestPlanner.REALISTIC_DETAILS_SHARE, within(0.03));
    assertThat(share(plans.stream().filter(plan -> plan.userMessage().contains("in detail")), plans.size()))
        .isCloseTo(RequestPlanner.REALISTIC_DETAIL_ASKED_SHARE, within(0.01));
    assertThat(share(plans.stream().filter(PlannedRequest::stream), plans.size()))
        .isCloseTo(RequestPlanner.REALISTIC_STREAM_SHARE, within(0.02));
    assertThat(share(plans.stream().filter(PlannedRequest::jsonAnswer), plans.size()))
        .isCloseTo(RequestPlanner.REALISTIC_JSON_SHARE, within(0.02));
    assertThat(plans.stream().map(PlannedRequest::question).distinct()).hasSize(
        RealisticQuestions.inScope().size() + RealisticQuestions.outOfScope().size());
  }

  @Test
  void theStandardMixWritesJustTheQuestion() {
    assertThat(plans(9, 500)).allSatisfy(plan -> {
      assertThat(plan.userMessage()).isEqualTo(plan.question().text());
      assertThat(plan.jsonAnswer()).isFalse();
    });
  }

  private static List<PlannedRequest> plans(long seed, int count) {
    RequestPlanner planner = new RequestPlanner(seed, SampleQuestions.all());
    return Stream.generate(planner::next).limit(count).toList();
  }

  private static double share(Stream<PlannedRequest> matching, long total) {
    return (double) matching.count() / total;
  }
}
