package dev.poolform.compiler.diag;

import dev.poolform.source.Span;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A problem with the user's configuration, as a value: never thrown. The message is one sentence,
 * capitalised, ending in a period, with code in backticks; the help line is separate (e.g. "Did you
 * mean `max_surge`?").
 */
public record Diagnostic(
    Code code,
    Severity severity,
    Span span,
    String message,
    List<Note> notes,
    Optional<String> help) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(message, "message");
    notes = List.copyOf(notes);
    Objects.requireNonNull(help, "help");
  }

  public static Diagnostic of(Code code, Span span, String message) {
    return new Diagnostic(code, code.severity(), span, message, List.of(), Optional.empty());
  }

  public Diagnostic withNote(Span span, String message) {
    var ns = new java.util.ArrayList<>(notes);
    ns.add(new Note(span, message));
    return new Diagnostic(code, severity, this.span, this.message, ns, help);
  }

  public Diagnostic withHelp(String help) {
    return new Diagnostic(code, severity, span, message, notes, Optional.ofNullable(help));
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
