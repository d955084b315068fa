package dev.poolform.cli.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poolform.cli.CliContext;
import dev.poolform.compiler.diag.Diagnostic;
import dev.poolform.compiler.diag.render.JsonRenderer;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Where a command asked for JSON ({@code --json}) puts the errors that end it before its JSON: on
 * standard output, in the diagnostics shape {@code pool validate --json} prints
 * (docs/json.md#diagnostics), so a program reading the command's output is never left with nothing
 * while the text went to standard error (which still gets it, for people). A command that prints
 * one document ({@code plan}, {@code status}) prints the diagnostics document; one that streams
 * JSON lines ({@code apply}, {@code watch}) prints it as one line with {@code "type":
 * "diagnostics"}.
 */
public enum JsonErrors {
  /** No JSON was asked for: the errors are text on standard error only. */
  NONE,
  /** The command prints one JSON document. */
  DOCUMENT,
  /** The command streams JSON lines. */
  LINES;

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A command whose {@code --json} streams JSON lines ({@code apply}, {@code destroy}, {@code
   * watch}, {@code events}); any other command's {@code --json} prints one document.
   */
  public interface Lines {}

  /** The shape for {@code command}'s {@code --json}, when {@code json} was asked for. */
  public static JsonErrors of(boolean json, Object command) {
    return !json ? NONE : command instanceof Lines ? LINES : DOCUMENT;
  }

  /** Prints {@code diagnostics} and {@code unplaced} errors as JSON on standard output. */
  public void print(CliContext ctx, List<Diagnostic> diagnostics, List<String> unplaced) {
    if (this == NONE) return;
    String document = JsonRenderer.render(diagnostics, unplaced);
    if (this == DOCUMENT) {
      ctx.out().print(document);
    } else {
      try {
        ObjectNode line = (ObjectNode) JSON.readTree(document);
        line.put("type", "diagnostics");
        ctx.out().println(JSON.writeValueAsString(line));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    ctx.out().flush();
  }
}
