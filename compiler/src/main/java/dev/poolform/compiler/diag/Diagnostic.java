package dev.poolform.compiler.diag;

import dev.poolform.source.Span;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem with the user's configuration, as a value: never thrown. The message is one sentence,
 * capitalised, ending in a period, with code in backticks; the help line is separate (e.g. "Did you
 * mean `max_surge`?"), and a {@link Fix} where the help names a mechanical repair.
 */
public record Diagnostic(
    Code code,
    Severity severity,
    Span span,
    String message,
    List<Note> notes,
    Optional<String> help,
    Optional<Fix> fix) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    notes = List.copyOf(notes);
    Objects.requireNonNull(help, "help");
    Objects.requireNonNull(fix, "fix");
  }

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(
        code, code.severity(), span, message, List.of(), Optional.empty(), Optional.empty());
  }

  public Diagnostic withNote(Span span, String message) {
    var ns = new java.util.ArrayList<>(notes);
    ns.add(new Note(span, message));
    return new Diagnostic(code, severity, this.span, this.message, ns, help, fix);
  }

  public Diagnostic withHelp(String help) {
    return new Diagnostic(code, severity, span, message, notes, Optional.ofNullable(help), fix);
  }

  /**
   * The help "Did you mean `shown`?" together with the fix it describes: {@code replacement} in
   * place of {@code at} ({@code shown} quoted, for a string value).
   */
  public Diagnostic withSuggestion(Span at, String shown, String replacement) {
    return new Diagnostic(
        code,
        severity,
        span,
        message,
        notes,
        Optional.of("Did you mean `" + shown + "`?"),
        Optional.of(new Fix(at, replacement)));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
