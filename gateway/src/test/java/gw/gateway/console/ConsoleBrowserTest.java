package gw.gateway.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.SameSiteAttribute;
import gw.gateway.detect.Thresholds;
import gw.gateway.testing.GatewayHarness;
import gw.mock.client.RagTraffic;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident console in headless Chromium (Debian's, driven by Playwright): sign-in, the live health
 * view, breaker modes for those who may change them and none for those who may not. Screenshots go
 * to {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {
  static final Path SHOTS = Path.of("target", "console-screenshots");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  static Path dataDir;
  static GatewayHarness gw;
  static Playwright playwright;
  static Browser browser;

  @BeforeAll
  static void start() {
    gw = GatewayHarness.start(dataDir);
    RagTraffic.Options traffic = RagTraffic.Options.defaults().withGateway("http://127.0.0.1:" + gw.port())
        .withRetrieval("http://127.0.0.1:" + gw.mock.actualPort()).withApiKey(GatewayHarness.KEY)
        .withRate(100).withDuration(null).withMaxRequests(40);
    GatewayHarness.await(RagTraffic.start(gw.vertx, traffic).finished());
    gw.flushTraces();
    playwright = playwright();
    browser = chromium(playwright);
  }

  /** Playwright without a browser download of its own. */
  static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  /** Debian's Chromium, headless, with nothing reaching for the network (this machine has none). */
  static Browser chromium(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    gw.close();
  }

  private static String console() {
    return "http://127.0.0.1:" + gw.gateway.adminPort() + "/";
  }

  private static Page signIn(String token) {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    Page page = context.newPage();
    page.navigate(console());
    page.getByLabel("Admin token").fill(token);
    press(page, "Sign in");
    assertThat(page.locator("#who")).isVisible();
    return page;
  }

  /** Clicks the button with this name, as a user finds it. */
  static void press(Page page, String button) {
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button)).click();
  }

  private static void screenshot(Page page, String name) {
    screenshotOf(page, name);
  }

  /** Saved under target/console-screenshots, the test's artifacts. */
  static void screenshotOf(Page page, String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  @Test
  void aSignedInOperatorSeesTheFiveNorthStarMetricsGreenAndLive() {
    Page page = signIn(GatewayHarness.OPERATOR_TOKEN);
    for (String metric : Thresholds.METRICS) {
      assertThat(page.locator("[data-metric='" + metric + "']")).hasAttribute("data-colour", "green");
    }
    assertThat(page.locator("[data-metric='throughput']")).isVisible();
    assertThat(page.locator("[data-metric='latency'] .value")).containsText("ms");
    String first = page.locator("#updated").textContent();
    assertThat(page.locator("#updated")).not().hasText(first); // the next snapshot arrived over SSE
    screenshot(page, "health-green");

    assertThat(page.url()).doesNotContain(GatewayHarness.OPERATOR_TOKEN);
    Cookie session = page.context().cookies().stream().filter(c -> c.name.equals("gw_console")).findFirst().orElseThrow();
    assertThat(session.httpOnly).isTrue();
    assertThat(session.sameSite).isEqualTo(SameSiteAttribute.STRICT);
    assertThat(session.value).doesNotContain(GatewayHarness.OPERATOR_TOKEN);
    page.context().close();
  }

  @Test
  void anOperatorForcesABreakerOpenWithAReasonAndTheAuditKeepsIt() {
    Page page = signIn(GatewayHarness.OPERATOR_TOKEN);
    page.navigate(console() + "#breakers");
    page.locator("#mode-RETRIEVAL_OUTAGE").selectOption("forced_open");
    page.locator("#mode-RETRIEVAL_OUTAGE-reason").fill("vector store maintenance");
    page.locator("form.mode[data-class='RETRIEVAL_OUTAGE'] button").click();
    assertThat(page.locator("#mode-result")).hasText("RETRIEVAL_OUTAGE is now forced_open.");
    assertThat(page.locator("tr[data-class='RETRIEVAL_OUTAGE']")).hasAttribute("data-mode", "forced_open");
    assertThat(page.locator("tr[data-class='RETRIEVAL_OUTAGE']")).hasAttribute("data-state", "open");
    assertThat(page.locator("tr[data-class='RETRIEVAL_OUTAGE'] .last-change")).containsText("forced_open by on-call");
    assertThat(page.locator("tr[data-class='RETRIEVAL_OUTAGE'] .last-change")).containsText("vector store maintenance");
    assertThat(page.locator("#audit-rows tr").first()).containsText("breaker.set_mode");
    assertThat(page.locator("#audit-rows tr").first()).containsText("vector store maintenance");
    assertThat(page.locator("#audit-rows tr").first()).containsText("on-call");
    screenshot(page, "breaker-forced-open");

    var forged = page.request().post(console() + "admin/breakers/RETRIEVAL_OUTAGE", RequestOptions.create()
        .setHeader("Content-Type", "application/json")
        .setData(new JsonObject().put("mode", "auto").put("reason", "no csrf").encode()));
    assertThat(forged.status()).as("a cookie alone cannot change anything").isEqualTo(403);
    assertThat(forged.text()).contains("csrf_token_missing");

    page.locator("#mode-RETRIEVAL_OUTAGE").selectOption("auto");
    page.locator("#mode-RETRIEVAL_OUTAGE-reason").fill("maintenance over");
    page.locator("form.mode[data-class='RETRIEVAL_OUTAGE'] button").click();
    assertThat(page.locator("tr[data-class='RETRIEVAL_OUTAGE']")).hasAttribute("data-mode", "auto");
    page.context().close();
  }

  @Test
  void aViewerSeesTheBreakersButNoWriteControls() {
    Page page = signIn(GatewayHarness.VIEWER_TOKEN);
    page.navigate(console() + "#breakers");
    assertThat(page.locator("#breaker-rows tr")).hasCount(5);
    assertThat(page.locator("form.mode")).hasCount(0);
    assertThat(page.locator("th.writes")).isHidden();
    page.navigate(console() + "#traces");
    assertThat(page.locator("#bulk-form")).isHidden();
    page.locator("#trace-rows tr").first().getByRole(AriaRole.LINK).click();
    assertThat(page.locator("#waterfall .span").first()).isVisible();
    assertThat(page.locator("#replay-form")).isHidden();
    screenshot(page, "breakers-viewer");
    page.context().close();
  }

  @Test
  void aTraceOpensAsAWaterfallAndReplaysSideBySide() {
    Page page = signIn(GatewayHarness.OPERATOR_TOKEN);
    page.navigate(console() + "#traces");
    page.locator("#f-from").fill("2000-01-01T00:00");
    page.locator("#f-status").selectOption("ok");
    press(page, "Filter");
    assertThat(page.locator("#trace-rows tr[data-status='ok']").first()).isVisible();
    page.locator("#f-to").fill("2000-01-02T00:00");
    press(page, "Filter");
    assertThat(page.locator("#trace-rows tr")).hasCount(0); // nothing that old
    page.locator("#f-to").fill("");
    press(page, "Filter");
    assertThat(page.locator("#trace-rows tr[data-status='ok']").first()).isVisible();
    String traceId = page.locator("#trace-rows tr").first().getAttribute("data-trace");
    page.locator("#trace-rows tr").first().getByRole(AriaRole.LINK).click();
    assertThat(page.locator("#trace-title")).hasText("Trace " + traceId);
    int spans = GatewayHarness.readTree(gw.admin("/admin/traces/" + traceId, GatewayHarness.ADMIN_TOKEN).bodyAsString())
        .path("spans").size();
    assertThat(page.locator("#waterfall .span")).hasCount(spans);
    assertThat(page.locator("#waterfall .span[data-kind='llm']")).hasCount(1);
    assertThat(page.locator("#trace-output")).not().isEmpty();
    screenshot(page, "trace-waterfall");

    page.locator("#r-model").fill("gpt-4o");
    press(page, "Replay");
    assertThat(page.locator("#comparison")).isVisible();
    assertThat(page.locator("#replay-status .verdict")).hasAttribute("data-verdict",
        java.util.regex.Pattern.compile("improved|same|degraded"));
    assertThat(page.locator("#comparison-rows tr").nth(1)).containsText("gpt-4o");
    screenshot(page, "replay-side-by-side");

    page.navigate(console() + "#traces");
    page.locator("#f-status").selectOption("ok");
    press(page, "Filter");
    int listed = page.locator("#trace-rows tr").count();
    page.locator("#b-model").fill("gpt-4o-mini");
    press(page, "Replay all");
    assertThat(page.locator("#bulk-progress")).hasAttribute("data-status", "finished",
        new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(60_000));
    assertThat(page.locator("#bulk-count")).hasText(listed + " of " + listed + ", finished");
    assertThat(page.locator("#bulk-summary")).not().isEmpty();
    screenshot(page, "bulk-replay");
    page.context().close();
  }

  @Test
  void aWrongTokenIsRefusedAndSignOutEndsTheSession() {
    BrowserContext context = browser.newContext();
    Page page = context.newPage();
    page.navigate(console());
    page.getByLabel("Admin token").fill("not-a-token");
    press(page, "Sign in");
    assertThat(page.locator("#sign-in-error")).containsText("Unknown admin token");
    context.close();

    Page signedIn = signIn(GatewayHarness.VIEWER_TOKEN);
    press(signedIn, "Sign out");
    assertThat(signedIn.locator("#sign-in")).isVisible();
    assertThat(signedIn.request().get(console() + "admin/live?once=true").status()).isEqualTo(401);
    signedIn.context().close();
  }
}
