package gw.gateway.cli;

import gw.gateway.state.AuditChainCheck;
import gw.traces.pg.StoreUrl;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Walk the audit log's hash chain in <data-dir>/control.db, or in the PostgreSQL store with",
        "--store-url, and report the first broken link: a row changed after it was written, or rows deleted.",
        "Read-only; safe while the gateway runs."},
    footer = {"Exit status: 0 when the chain is intact, 1 when it is broken, 2 when it cannot be checked.",
        "Keep the printed head hash somewhere else: a later run that no longer reaches it shows the log was cut."})
final class AuditVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataDirOption dataDir;
  @Mixin StoreUrlOption storeUrl;

  @Override
  public Integer call() {
    AuditChainCheck.Result r;
    try {
      r = verify(storeUrl.parse(true));
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("gw audit verify: --store-url: " + e.getMessage());
      return 2;
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    switch (r.outcome()) {
      case INTACT -> out.println(r.rows() == 0 ? "audit chain intact: the log is empty"
          : "audit chain intact: " + r.rows() + " rows, newest row " + r.headId() + ", head hash " + r.headHash());
      case BROKEN -> err.println("audit chain broken: " + r.problem() + " (" + r.rows()
          + " rows before it verified" + (r.headHash() == null ? "" : ", the last of them row " + r.headId()) + ")");
      case UNREADABLE -> err.println("gw audit verify: " + r.problem());
    }
    out.flush();
    err.flush();
    return switch (r.outcome()) {
      case INTACT -> 0;
      case BROKEN -> 1;
      case UNREADABLE -> 2;
    };
  }

  private AuditChainCheck.Result verify(StoreUrl url) {
    if (url == null) {
      return AuditChainCheck.verify(dataDir.dir);
    }
    Vertx vertx = Vertx.vertx();
    try {
      return AuditChainCheck.verify(vertx, url);
    } finally {
      vertx.close().await();
    }
  }
}
