package gw.gateway.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import gw.gateway.config.ConfigSource;
import gw.gateway.incident.IncidentClass;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detection is precise and still sensitive on realistic traffic, with the shipped detectors: 3,000 healthy
 * requests (streams and JSON, users' own details echoed, support contacts quoted, long answers, rare
 * out-of-scope questions, twenty times faster) and 240 client errors through the real gateway open nothing
 * and alter nothing; each of the five faults then opens its own incident class.
 */
class CalibrationTest {
  @TempDir Path work;

  @Test
  void healthyRealisticTrafficOpensNothingAndEveryFaultOpensItsIncident() throws Exception {
    CalibrationSettings settings = CalibrationSettings.defaults();
    CalibrationReport report = new Calibration(settings, ConfigSource.bundled()).run(work);
    String printed = String.join("\n", report.lines());
    System.out.println(printed);

    CalibrationReport.Healthy h = report.healthy();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(h.client().sent()).as("healthy requests sent\n" + printed).isEqualTo(settings.requests());
    soft.assertThat(h.requestsFailed()).as("healthy requests failed or skipped\n" + printed).isZero();
    soft.assertThat(h.traces().traces()).as("every healthy request traced\n" + printed).isEqualTo(settings.requests());
    long clientErrors = (long) settings.clientErrorBursts() * settings.clientErrorsPerBurst();
    soft.assertThat(h.clientErrors()).as("client errors answered as such\n" + printed)
        .isEqualTo(Map.of(400, clientErrors / 2, 401, clientErrors / 2));
    soft.assertThat(h.incidents()).as("incidents opened\n" + printed).isEmpty();
    soft.assertThat(h.trips()).as("breaker trips\n" + printed).isEmpty();
    soft.assertThat(h.answersAltered()).as("answers altered\n" + printed).isZero();
    soft.assertThat(h.traces().unhealthy()).as("traces diagnosed unhealthy\n" + printed).isEmpty();
    for (CalibrationReport.Recall r : report.recall()) {
      soft.assertThat(r.recalled()).as(r.expected() + " opened by " + r.fault() + "\n" + printed).isTrue();
    }
    soft.assertAll();
    assertThat(report.recall()).extracting(CalibrationReport.Recall::expected)
        .containsExactly(IncidentClass.values());
  }
}
