package gw.traces;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
  void toBuilderCopiesEveryField() {
    TraceRecord original = TraceFixtures.valid();

    assertThat(original.toBuilder().build()).isEqualTo(original);
    assertThat(original.toBuilder().tenant("globex").build().tenant()).isEqualTo("globex");
  }
}
