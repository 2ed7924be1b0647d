package gw.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import gw.gateway.testing.GatewayHarness;
import gw.mock.client.RagTraffic;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill watched in the console: healthy traffic shows green, the mock's chaos turns the failure rate
 * red and opens an incident with its class, which an operator resolves to get its postmortem draft.
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

  @Test
  void chaosTurnsAMetricRedAndOpensAnIncidentThatResolvesIntoAPostmortem() {
    gw = GatewayHarness.start(dataDir);
    traffic(30);
    playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(ConsoleBrowserTest.CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    Page page = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)).newPage();
    String console = "http://127.0.0.1:" + gw.gateway.adminPort() + "/";
    page.navigate(console);
    page.getByLabel("Admin token").fill(GatewayHarness.OPERATOR_TOKEN);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.locator("[data-metric='failure_rate']")).hasAttribute("data-colour", "green");

    gw.setChaos(new io.vertx.core.json.JsonObject().put("modes", new io.vertx.core.json.JsonObject()
        .put("error_500", new io.vertx.core.json.JsonObject().put("rate", 1.0))));
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
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Resolve")).click();
    assertThat(page.locator("#incident-title")).containsText("resolved");
    assertThat(page.locator("#postmortem h3, #postmortem h4").first()).isVisible();
    assertThat(page.locator("#postmortem")).containsText(incidentClass);
    ConsoleBrowserTest.screenshotOf(page, "incident-postmortem");
  }
}
