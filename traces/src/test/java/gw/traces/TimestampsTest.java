package gw.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampsTest {
  @Test
  void agreesWithInstantParseOnInstantToStringAtEveryPrecision() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-2_000_000_000L, 32_000_000_000L);
      int nanos = switch (i % 4) {
        case 0 -> 0;
        case 1 -> random.nextInt(1000) * 1_000_000;
        case 2 -> random.nextInt(1_000_000) * 1_000;
        default -> random.nextInt(1_000_000_000);
      };
      String text = Instant.ofEpochSecond(seconds, nanos).toString();
      assertThat(Timestamps.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-01-31T12:00:00+01:00", "2026-01-31T12:00:00.5Z", "+12026-01-31T12:00:00Z"})
  void otherIsoFormsFallBackToTheStrictParser(String text) {
    assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-01-31 12:00:00Z",
      "2026-01-31T12:00:00.1234567890Z", "yesterday", "", "2026-01-31T12:00:60Z"})
  void rejectsWhatIsNotAnInstant(String text) {
    assertThat(Timestamps.parse(text)).isNull();
  }
}
