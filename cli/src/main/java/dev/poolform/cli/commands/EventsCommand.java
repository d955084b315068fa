package dev.poolform.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliContext;
import dev.poolform.cli.ExitCode;
import dev.poolform.cli.UsageException;
import dev.poolform.cli.workspace.JsonErrors;
import dev.poolform.cli.workspace.Target;
import dev.poolform.cli.workspace.Workspaces;
import dev.poolform.ir.json.CanonicalJson;
import dev.poolform.runtime.Instants;
import dev.poolform.runtime.event.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code pool events [PATH] [ADDR] [--since 1h|TIME] [--json]}. */
@Command(
    name = "events",
    description = {
      "Show what Poolform did and saw: every step of every apply and destroy, and what pool",
      "watch noticed and corrected, from the workspace's event log (.poolform/events/)."
    },
    footer = {"", "Exit status: 0 ok, 2 usage or environment error.%n"})
public final class EventsCommand implements Callable<Integer>, JsonErrors.Lines {
  private final CliContext ctx;

  @Parameters(
      arity = "0..2",
      paramLabel = "PATH|ADDR",
      description =
          "The configuration directory (default: the current directory), then a pool's address"
              + " (pool.NAME) to show only its events.")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--since",
      paramLabel = "DURATION|TIME",
      description = "Only events this recent (1h, 30m) or after this time (2026-05-01T10:00:00Z).")
  String since;

  @Option(names = "--json", description = "One JSON object per line, as stored.")
  boolean json;

  public EventsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    Path path = null;
    Optional<String> address = Optional.empty();
    for (String a : args) {
      if (a.startsWith("pool.") && address.isEmpty()) address = Optional.of(a);
      else if (path == null && address.isEmpty()) path = Path.of(a);
      else throw new UsageException("`" + a + "` is not a pool address (pool.NAME).");
    }
    Path dir = Target.directory(ctx, path);
    List<JsonNode> events;
    try {
      events = new EventLog(dir).read(since(), address);
    } catch (IOException e) {
      throw new UsageException("Cannot read the event log: " + e.getMessage() + ".");
    }
    for (JsonNode e : events) ctx.out().println(json ? CanonicalJson.compact(e) : text(e));
    if (events.isEmpty()) ctx.err().println(nothing(dir, address));
    return ExitCode.OK;
  }

  /**
   * Why nothing was printed, on standard error (standard output stays empty for scripts): a typo in
   * an address or a short {@code --since} must not read as "nothing happened".
   */
  private String nothing(Path dir, Optional<String> address) {
    boolean any;
    try {
      any = !new EventLog(dir).read(Optional.empty(), Optional.empty()).isEmpty();
    } catch (IOException e) {
      any = true;
    }
    if (!any) return "No events yet: no apply, destroy or watch has run here.";
    StringBuilder b = new StringBuilder("No events");
    address.ifPresent(a -> b.append(" for ").append(a));
    since().ifPresent(t -> b.append(" since ").append(Instants.text(t)));
    return b.append('.').toString();
  }

  private Optional<Instant> since() {
    if (since == null) return Optional.empty();
    try {
      return Optional.of(Instant.parse(since));
    } catch (DateTimeParseException e) {
      return Optional.of(Clock.systemUTC().instant().minus(Workspaces.duration("--since", since)));
    }
  }

  /** The event's time to the second; a time that does not parse is shown as written. */
  private static String time(String t) {
    try {
      return Instants.text(Instant.parse(t));
    } catch (DateTimeParseException e) {
      return t;
    }
  }

  /** {@code TIME SOURCE TYPE ADDRESS rest}: the fields every event has first, then its own. */
  static String text(JsonNode e) {
    ObjectNode rest = ((ObjectNode) e).deepCopy();
    String line =
        String.join(
            " ",
            time(rest.path("time").asText()),
            rest.path("source").asText(),
            rest.path("type").asText(),
            rest.path("address").asText());
    for (String f : List.of("time", "source", "type", "address")) rest.remove(f);
    String message = rest.path("message").asText("");
    rest.remove("message");
    StringBuilder b = new StringBuilder(line.replaceAll(" +", " ").strip());
    if (!message.isEmpty()) b.append(' ').append(message);
    if (!rest.isEmpty()) b.append(' ').append(CanonicalJson.compact(rest));
    return b.toString();
  }
}
