package dev.poolform.cli.commands.local;

import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.Literals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code pool local list [NAME]}: groups and their machines, as the cloud sees them now. */
@Command(
    name = "list",
    description = "List the local cloud's groups and their machines (state, zone, spec, age).")
public final class LocalListCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin LocalOptions options;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "Only this group.")
  String name;

  public LocalListCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    var ws = LocalGroups.workspace(ctx, options.dir);
    List<LocalCloud> clouds =
        name == null
            ? LocalGroups.clouds(ws, options.cloud())
            : List.of(LocalGroups.cloudOf(ws, options.cloud(), name));
    Instant now = Instant.now();
    int shown = 0;
    try {
      for (LocalCloud c : clouds) {
        for (LocalGroup g : c.groups()) {
          if (name != null && !g.name().equals(name)) continue;
          print(c, g, now);
          shown++;
        }
      }
    } catch (ProviderException e) {
      return LocalGroups.refused(ctx, e);
    }
    if (shown == 0) ctx.out().println("No local groups in " + ws + ".");
    return ExitCode.OK;
  }

  private void print(LocalCloud c, LocalGroup g, Instant now) {
    ctx.out()
        .printf(
            "%s (region %s, %s): min %d, max %d, desired %d; model v%d spec %s%n",
            g.name(),
            c.name(),
            g.address().orElse("not managed by Poolform"),
            g.min(),
            g.max(),
            g.desired(),
            g.model().version(),
            shortHash(g.model().specHash()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"MACHINE", "STATE", "ZONE", "SPEC", "AGE", "HEALTHY FOR"});
    for (LocalMachine m : g.machines()) {
      rows.add(
          new String[] {
            m.id(),
            m.status().text(),
            m.zone().orElse("-"),
            shortHash(m.specHash()) + (m.specHash().equals(g.model().specHash()) ? "" : " (old)"),
            age(m.launchedAt(), now),
            m.status() == LocalMachine.Status.HEALTHY
                ? m.healthySince().map(h -> age(h, now)).orElse("-")
                : "-"
          });
    }
    if (g.machines().isEmpty()) {
      ctx.out().println("  (no machines)");
      return;
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) for (int i = 0; i < r.length; i++) w[i] = Math.max(w[i], r[i].length());
    for (String[] r : rows) {
      StringBuilder sb = new StringBuilder(" ");
      for (int i = 0; i < r.length; i++) {
        sb.append(' ').append(r[i]);
        if (i < r.length - 1) sb.append(" ".repeat(w[i] - r[i].length() + 1));
      }
      ctx.out().println(sb.toString().stripTrailing());
    }
  }

  /** The first 8 hex digits, without an algorithm prefix. */
  static String shortHash(String h) {
    String s = h.contains(":") ? h.substring(h.indexOf(':') + 1) : h;
    return s.length() > 8 ? s.substring(0, 8) : s;
  }

  static String age(Instant since, Instant now) {
    long ms = Math.max(0, Duration.between(since, now).toMillis());
    return Literals.formatDuration(ms / 1000 * 1000);
  }
}
