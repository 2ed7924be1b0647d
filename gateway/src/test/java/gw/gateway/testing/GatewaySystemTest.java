package gw.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's lifecycle: one system per class or per test, injected, and nothing left behind. */
class GatewaySystemTest {
  @RegisterExtension static final GatewaySystem system = GatewaySystem.withDefaults();
  static GatewayHarness gw;
  static int portSeenByBeforeAll;

  @BeforeAll
  static void recordPort() {
    portSeenByBeforeAll = gw.port();
  }

  @Test
  void aClassSystemIsRunningBeforeBeforeAllAndInjectedAsParameter(GatewayHarness injected) {
    assertThat(injected).isSameAs(gw).isSameAs(system.harness());
    assertThat(gw.port()).isEqualTo(portSeenByBeforeAll);
    assertThat(gw.admin("/healthz", null).statusCode()).isEqualTo(200);
  }

  @Test
  void closingStopsBothServersAndDeletesTheDataDirectory() throws Exception {
    GatewaySystem own = GatewaySystem.withDefaults();
    own.start();
    GatewayHarness h = own.harness();
    List<Integer> ports = List.of(h.port(), h.gateway.adminPort(), h.mock.actualPort());
    Path dir = own.dataDir();
    assertThat(ports).allMatch(GatewaySystemTest::listening);

    own.close();

    assertThat(ports).noneMatch(GatewaySystemTest::listening);
    assertThat(dir).doesNotExist();
    assertThatThrownBy(own::harness).isInstanceOf(IllegalStateException.class).hasMessageContaining("not running");
  }

  @Test
  void aStartThatFailsLeavesNoEventLoopAndNoDataDirectory() {
    long loopsBefore = eventLoopThreads();
    GatewaySystem broken = GatewaySystem.with(GatewayHarness.Options.defaults()
        .withConfig("breakers.json", Map.of("/RETRIEVAL_OUTAGE/trip_ratio", 5)));

    assertThatThrownBy(broken::start).hasMessageContaining("trip_ratio");

    assertThat(broken.dataDir()).doesNotExist();
    assertThat(eventLoopThreads()).isLessThanOrEqualTo(loopsBefore);
    assertThatThrownBy(broken::harness).isInstanceOf(IllegalStateException.class);
  }

  /** A system on an instance field is fresh for each test and closed after it. */
  @Nested
  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  class PerTest {
    static final List<GatewayHarness> seen = new ArrayList<>();
    static Path firstDataDir;

    @RegisterExtension final GatewaySystem fresh = GatewaySystem.withDefaults();
    GatewayHarness own;

    @Test
    @Order(1)
    void theFirstTestGetsItsOwnSystem() {
      assertThat(own).isNotNull().isNotSameAs(gw);
      seen.add(own);
      firstDataDir = fresh.dataDir();
      assertThat(firstDataDir).exists();
    }

    @Test
    @Order(2)
    void theNextTestGetsANewOneAndThePreviousIsClosed() {
      assertThat(own).isNotSameAs(seen.get(0)).isNotSameAs(gw);
      assertThat(listening(seen.get(0).port())).isFalse();
      assertThat(firstDataDir).doesNotExist();
      assertThat(own.admin("/healthz", null).statusCode()).isEqualTo(200);
    }
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static long eventLoopThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("vert.x-eventloop-thread")).count();
  }
}
