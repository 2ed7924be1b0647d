package gw.traces.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TraceQueryTest {
  private static final Instant T0 = Instant.parse("2025-03-14T12:00:00Z");

  @Test
  void limitDefaultsAndIsCapped() {
    assertThat(TraceQuery.builder().build().limit()).isEqualTo(50);
    assertThat(TraceQuery.builder().limit(10_000).build().limit()).isEqualTo(500);
    assertThatThrownBy(() -> TraceQuery.builder().limit(-1).build()).hasMessageContaining("got -1");
    assertThatThrownBy(() -> TraceQuery.builder().from(T0.plusSeconds(1)).to(T0).build())
        .hasMessageContaining("must not be after");
  }

  @Test
  void cursorRoundTrips() {
    PageCursor cursor = new PageCursor(1_741_955_445_123L, UUID.randomUUID().toString());

    assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
  }
}
