package gw.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import gw.gateway.testing.GatewayHarness;
import gw.mock.client.RagTraffic;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill watched in the console: healthy traffic shows green, the mock's chaos turns the failure rate
 * red and opens an incident with its class, which an operator resolves to get its postmortem draft;
 * and the page without a mock of its own, used by keyboard alone.
 */
class ConsoleDrillBrowserTest {
  @TempDir
  Path dataDir;
  GatewayHarness gw;
  Playwright playwright;

  @AfterEach
  void stop() {
    if (playwright != null) {
      playwright.close();
    }
    gw.close();
  }

  private void traffic(long requests) {
    GatewayHarness.await(RagTraffic.start(gw.vertx, RagTraffic.Options.defaults()
        .withGateway("http://127.0.0.1:" + gw.port()).withRetrieval("http://127.0.0.1:" + gw.mock.actualPort())
        .withApiKey(GatewayHarness.KEY).withRate(100).withDuration(null).withMaxRequests(requests)).finished());
  }

  private Browser browser() {
    playwright = ConsoleBrowserTest.playwright();
    return ConsoleBrowserTest.chromium(playwright);
  }

  @Test
  void theConsoleWorksWithTheGatewayAloneAndByKeyboard() {
    gw = GatewayHarness.start(dataDir, GatewayHarness.Options.defaults().withUpstream("http://127.0.0.1:9/v1"));
    Page page = browser().newPage();
    page.navigate("http://127.0.0.1:" + gw.gateway.adminPort() + "/");
    page.locator("#token").focus();
    page.keyboard().type(GatewayHarness.VIEWER_TOKEN);
    page.keyboard().press("Enter");
    assertThat(page.locator("[data-metric='failure_rate'] .status")).hasText("not enough traffic");
    assertThat(page.locator("#chaos-link")).isHidden();
    assertThat(page.locator("nav a").first()).isFocused(); // signed in, the focus is on the navigation
    page.keyboard().press("Tab");
    page.keyboard().press("Enter");
    assertThat(page.locator("#incidents")).isVisible();
    assertThat(page.locator("#no-incidents")).isVisible();
    ConsoleBrowserTest.screenshotOf(page, "gateway-alone");
  }

  @Test
  void chaosTurnsAMetricRedAndOpensAnIncidentThatResolvesIntoAPostmortem() {
    gw = GatewayHarness.start(dataDir);
    traffic(30);
    Browser browser = browser();
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
    String console = "http://127.0.0.1:" + gw.gateway.adminPort() + "/";
    page.navigate(console);
    page.getByLabel("Admin token").fill(GatewayHarness.OPERATOR_TOKEN);
    ConsoleBrowserTest.press(page, "Sign in");
    assertThat(page.locator("[data-metric='failure_rate']")).hasAttribute("data-colour", "green");

    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Chaos")).click();
    page.locator("#chaos-mode").selectOption("error_500");
    page.locator("#chaos-rate").fill("1.0");
    ConsoleBrowserTest.press(page, "Start chaos");
    assertThat(page.locator("#chaos-now")).containsText("error_500");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Health")).click();
    for (int i = 0; i < 30; i++) {
      gw.post("/v1/chat/completions", GatewayHarness.chat("gpt-4o-mini", "refund window " + i));
    }
    gw.evaluateIncidents();
    assertThat(page.locator("[data-metric='failure_rate']")).hasAttribute("data-colour", "red");
    assertThat(page.locator("[data-metric='failure_rate'] .status")).hasText("✗ red");
    assertThat(page.locator("#overall")).hasText("red");
    assertThat(page.locator("[data-metric='errors'] .name")).containsText("upstream");
    ConsoleBrowserTest.screenshotOf(page, "drill-red");

    page.navigate(console + "#incidents");
    assertThat(page.locator("#incident-rows tr").first()).isVisible();
    String incidentClass = page.locator("#incident-rows tr").first().getAttribute("data-class");
    assertThat(page.locator("#incident-rows tr").first()).containsText(incidentClass);
    page.locator("#incident-rows tr").first().getByRole(AriaRole.LINK).click();
    assertThat(page.locator("#incident-title")).containsText(incidentClass);
    assertThat(page.locator("#incident-timeline li").first()).isVisible();
    ConsoleBrowserTest.screenshotOf(page, "incident-open");

    page.locator("#resolve-text").fill("chaos drill over");
    ConsoleBrowserTest.press(page, "Resolve");
    assertThat(page.locator("#incident-title")).containsText("resolved");
    assertThat(page.locator("#postmortem h3, #postmortem h4").first()).isVisible();
    assertThat(page.locator("#postmortem")).containsText(incidentClass);
    ConsoleBrowserTest.screenshotOf(page, "incident-postmortem");

    page.navigate(console + "#chaos");
    ConsoleBrowserTest.press(page, "Clear chaos");
    assertThat(page.locator("#chaos-result")).hasText("Chaos cleared.");
    assertThat(page.locator("#chaos-now")).not().containsText("error_500");
    String audit = gw.admin("/admin/audit?limit=10", GatewayHarness.ADMIN_TOKEN).bodyAsString();
    org.assertj.core.api.Assertions.assertThat(audit).contains("chaos.set").contains("chaos.clear");
  }
}
