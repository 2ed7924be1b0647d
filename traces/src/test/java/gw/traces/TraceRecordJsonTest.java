package gw.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceRecordJsonTest {

  @Test
  void errorTextSurvivesSerialisation() throws Exception {
    TraceRecord failed = TraceFixtures.validBuilder().status("error").httpStatus(502).error("upstream timed out").build();

    JsonNode json = TraceJson.MAPPER.valueToTree(failed);

    assertThat(json.get("error").asText()).isEqualTo("upstream timed out");
    assertThat(TraceJson.MAPPER.treeToValue(json, TraceRecord.class)).isEqualTo(failed);
  }

  @Test
  void fieldsAreSnakeCaseAndNullsOmitted() {
    JsonNode json = TraceJson.MAPPER.valueToTree(TraceFixtures.validBuilder().replayOf(null).build());

    assertThat(json.has("trace_id")).isTrue();
    assertThat(json.get("retrieved_docs").get(0).has("relevance_score")).isTrue();
    assertThat(json.has("replay_of")).isFalse();
  }

  @Test
  void observedActionsAreWrittenOnlyWhenPresentAndReadersTolerateTheirAbsence() throws Exception {
    TraceRecord observed = TraceFixtures.validBuilder().observedActions(List.of("cost_spike/cap_max_tokens")).build();
    JsonNode json = TraceJson.MAPPER.valueToTree(observed);
    assertThat(json.get("observed_actions").toString()).isEqualTo("[\"cost_spike/cap_max_tokens\"]");
    assertThat(TraceJson.MAPPER.treeToValue(json, TraceRecord.class)).isEqualTo(observed);

    assertThat(TraceJson.MAPPER.valueToTree(TraceFixtures.validBuilder().observedActions(List.of()).build())
        .has("observed_actions")).as("omitted when empty").isFalse();
    ObjectNode older = TraceJson.MAPPER.valueToTree(TraceFixtures.valid());
    older.remove("observed_actions");
    assertThat(TraceJson.MAPPER.treeToValue(older, TraceRecord.class).observedActions()).isNull();
    assertThat(TraceValidator.violations(TraceFixtures.validBuilder()
        .observedActions(java.util.Arrays.asList("cost_spike/shed", null)).build()))
        .contains("observed_actions[1] must not be null");
  }

  @Test
  void toBuilderCopiesEveryField() {
    TraceRecord original = TraceFixtures.validBuilder().observedActions(List.of("retrieval_outage/fallback_answer"))
        .build();

    assertThat(original.toBuilder().build()).isEqualTo(original);
    assertThat(original.toBuilder().tenant("globex").build().tenant()).isEqualTo("globex");
  }
}
