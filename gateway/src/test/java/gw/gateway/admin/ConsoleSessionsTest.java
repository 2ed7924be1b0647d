package gw.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.GatewayConfig.AdminToken;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConsoleSessionsTest {
  private final AtomicLong now = new AtomicLong(1_000_000);
  private final ConsoleSessions sessions = new ConsoleSessions(now::get);
  private final AdminToken operator = new AdminToken("secret-token", "on-call", "operator", null);

  @Test
  void aSessionActsAsItsTokenUntilIdleTooLongAndNeverHoldsTheToken() {
    ConsoleSessions.Opened opened = sessions.open(operator);
    assertThat(opened.id()).hasSizeGreaterThanOrEqualTo(43).doesNotContain("secret-token");
    assertThat(opened.session().csrf()).isNotEqualTo(opened.id());
    now.addAndGet(ConsoleSessions.IDLE_MS - 1);
    assertThat(sessions.find(opened.id()).caller()).isEqualTo(operator);
    now.addAndGet(ConsoleSessions.IDLE_MS - 1);
    assertThat(sessions.find(opened.id())).as("each use restarts the idle time").isNotNull();
    now.addAndGet(ConsoleSessions.IDLE_MS + 1);
    assertThat(sessions.find(opened.id())).isNull();
    assertThat(sessions.find("made-up")).isNull();
  }

  @Test
  void aBusySessionStillEndsAfterTwelveHoursAndSignOutEndsItAtOnce() {
    ConsoleSessions.Opened opened = sessions.open(operator);
    for (long t = 0; t < ConsoleSessions.MAX_AGE_MS; t += ConsoleSessions.IDLE_MS / 2) {
      now.addAndGet(ConsoleSessions.IDLE_MS / 2);
      sessions.find(opened.id());
    }
    now.addAndGet(ConsoleSessions.IDLE_MS / 2);
    assertThat(sessions.find(opened.id())).isNull();
    ConsoleSessions.Opened other = sessions.open(operator);
    sessions.close(other.id());
    assertThat(sessions.find(other.id())).isNull();
  }

  @Test
  void theOldestSessionGivesWayBeyondTheCapAndCsrfIsCheckedExactly() {
    ConsoleSessions.Opened first = sessions.open(operator);
    for (int i = 0; i < ConsoleSessions.MAX_SESSIONS; i++) {
      sessions.open(operator);
    }
    assertThat(sessions.find(first.id())).isNull();
    ConsoleSessions.Opened last = sessions.open(operator);
    assertThat(ConsoleSessions.csrfMatches(last.session(), last.session().csrf())).isTrue();
    assertThat(ConsoleSessions.csrfMatches(last.session(), last.session().csrf() + "x")).isFalse();
    assertThat(ConsoleSessions.csrfMatches(last.session(), null)).isFalse();
  }
}
