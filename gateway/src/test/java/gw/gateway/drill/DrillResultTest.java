package gw.gateway.drill;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.incident.IncidentClass;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrillResultTest {
  private static Drill.Result result(String failedStage, Double alert, Double mitigation, Double green) {
    return new Drill.Result(IncidentClass.PERFORMANCE_DEGRADATION, failedStage, "INC-2026-0001", "SEV-2", alert,
        mitigation, green, 30.0, 12, null);
  }

  @Test
  void aMissedMitigationTargetFailsTheDrillWithExitOne() {
    Drill.Result late = result(null, 5.7, 20.3, 25.2);
    assertThat(late.passed()).isFalse();
    assertThat(late.missedTargets()).containsExactly("onset → mitigation 20.3 s (target 15 s)");
    assertThat(Drill.Result.exitCode(List.of(result(null, 1.2, 2.6, 26.1), late))).isEqualTo(1);
  }

  @Test
  void everyTargetIsCheckedAndATimeOnItsTargetMeetsIt() {
    assertThat(result(null, 10.1, 15.0, 60.5).missedTargets())
        .containsExactly("onset → alert 10.1 s (target 10 s)", "fault end → green 60.5 s (target 60 s)");
    assertThat(result(null, 10.0, 15.0, 60.0).passed()).isTrue();
  }

  @Test
  void onlyRunsThatMetEveryTargetAndReachedEveryStageExitZero() {
    assertThat(Drill.Result.exitCode(List.of(result(null, 1.2, 2.6, 26.1), result(null, 5.9, 9.8, 15.8)))).isZero();
    assertThat(Drill.Result.exitCode(List.of(result("5 mitigation", 1.2, null, null)))).isEqualTo(1);
  }

  @Test
  void theTimingsLineAndTheResultAgreeOnAMiss() {
    assertThat(DrillLines.timing("onset → mitigation", 20.3, Drill.MITIGATION_TARGET_S))
        .isEqualTo("onset → mitigation 20.3 s (target 15 s MISSED)");
    assertThat(DrillLines.timing("onset → mitigation", 15.0, Drill.MITIGATION_TARGET_S)).endsWith("met)");
  }

  @Test
  void anApiErrorIsItsMessageNotItsJson() {
    assertThat(DrillTarget.errorMessage("{\"error\":{\"message\":\"No incident INC-1 (GET /admin/incidents lists them).\","
        + "\"type\":\"admin_error\",\"code\":\"unknown_incident\"}}")).isEqualTo("No incident INC-1 (GET /admin/incidents lists them).");
    assertThat(DrillTarget.errorMessage("<html>\n<body>Bad   gateway</body>\n</html>")).isEqualTo("<html> <body>Bad gateway</body> </html>");
    assertThat(DrillTarget.errorMessage("x".repeat(500))).hasSize(201).endsWith("…");
    assertThat(DrillTarget.errorMessage("")).isEqualTo("(no body)");
  }
}
