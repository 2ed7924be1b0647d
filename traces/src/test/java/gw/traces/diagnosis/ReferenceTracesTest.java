package gw.traces.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gw.traces.TraceJson;
import gw.traces.TraceRecord;
import gw.traces.TraceValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceTracesTest {
  @Test
  void allSixLoadAndPassValidation() throws Exception {
    List<TraceRecord> all = ReferenceTraces.loadAll();
    assertThat(all).hasSize(6);
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < all.size(); i++) {
      TraceRecord r = all.get(i);
      String name = ReferenceTraces.FILE_NAMES.get(i);
      assertThat(TraceValidator.violations(r)).as(name).isEmpty();
      assertThat(ids.add(r.traceId())).as(name + " has its own id").isTrue();
      assertThat(r.promptId()).as(name).isEqualTo("support-answer");
      assertThat(r.retrievedDocs()).as(name).isNotEmpty();
      assertThat(r.spans()).as(name).isNotEmpty();
      assertThat(r.tokens().totalTokens()).as(name).isPositive();
      assertThat(r.costUsd()).as(name).isPositive();
      // the file is exactly what the record writes back, so nothing in it is silently ignored
      assertThat(TraceJson.MAPPER.readTree(ReferenceTraces.bytes(name)))
          .as(name).isEqualTo(TraceJson.MAPPER.valueToTree(r));
    }
  }

  @Test
  void eachFailureIsInTheFieldsTheSeedNames() {
    TraceRecord b = ReferenceTraces.load("trace-b-retrieval-mismatch.json");
    assertThat(b.retrievedDocs()).allSatisfy(d -> assertThat(d.relevanceScore()).isLessThan(0.3));
    TraceRecord c = ReferenceTraces.load("trace-c-wrong-prompt-ver.json");
    assertThat(c.promptVersion()).isEqualTo("v1.0");
    TraceRecord d = ReferenceTraces.load("trace-d-tool-timeout.json");
    assertThat(d.toolCalls()).singleElement().satisfies(t -> {
      assertThat(t.success()).isFalse();
      assertThat(t.error()).contains("timeout");
    });
    assertThat(d.spans()).anySatisfy(s -> {
      assertThat(s.kind()).isEqualTo(TraceRecord.Span.KIND_TOOL);
      assertThat(s.status()).isEqualTo("error");
    });
    TraceRecord f = ReferenceTraces.load("trace-f-slow-response.json");
    assertThat(f.latencyMs()).isGreaterThan(10_000);
    assertThat(f.modelServed()).startsWith("gpt-4o-2024");
    assertThat(f.latency().upstreamMs()).isGreaterThan(f.latencyMs() * 0.9);
  }

  @Test
  void anUnknownNameIsRefused() {
    assertThatThrownBy(() -> ReferenceTraces.bytes("trace-z.json"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trace-a-normal-success.json");
  }
}
