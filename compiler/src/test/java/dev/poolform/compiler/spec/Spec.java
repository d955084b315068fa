package dev.poolform.compiler.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.compiler.Compilation;
import dev.poolform.compiler.Compiler;
import dev.poolform.compiler.diag.Code;
import dev.poolform.compiler.diag.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Helpers for spec tests: compile a text and assert a diagnostic's code and the line:column where
 * it starts, given as the first occurrence of a marker substring (so tests stay readable).
 */
final class Spec {
  private Spec() {}

  static final String CLOUDS =
      "cloud local dev {}\ncloud aws prod { region = \"eu-west-1\" }\ncloud azure weu { subscription = \"s\""
          + " resource_group = \"rg\" location = \"westeurope\" }\n";

  static Compilation compile(String src) {
    return Compiler.compileSource("main.pool", src, Map.of("HOME", "/home/u"));
  }

  /** The position "line:column" of the {@code nth} (1-based) occurrence of {@code marker}. */
  static String pos(String src, String marker, int nth) {
    int i = -1;
    for (int k = 0; k < nth; k++) {
      i = src.indexOf(marker, i + 1);
      if (i < 0) throw new AssertionError("marker `" + marker + "` not found " + nth + " times");
    }
    int line = 1;
    int col = 1;
    for (int k = 0; k < i; k++) {
      if (src.charAt(k) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return line + ":" + col;
  }

  static String describe(List<Diagnostic> ds) {
    return ds.stream()
        .map(d -> d.code() + "@" + d.span().line() + ":" + d.span().column() + " " + d.message())
        .collect(Collectors.joining("\n"));
  }

  /** Asserts a diagnostic with this code starts at the marker; returns it. */
  static Diagnostic expect(String src, Code code, String marker) {
    return expect(src, code, marker, 1);
  }

  static Diagnostic expect(String src, Code code, String marker, int nth) {
    Compilation c = compile(src);
    String where = pos(src, marker, nth);
    List<Diagnostic> found =
        c.diagnostics().stream()
            .filter(
                d -> d.code() == code && (d.span().line() + ":" + d.span().column()).equals(where))
            .toList();
    assertThat(found)
        .as("expected %s at %s, got:\n%s", code, where, describe(c.diagnostics()))
        .isNotEmpty();
    if (code.severity() == dev.poolform.compiler.diag.Severity.ERROR) assertThat(c.ir()).isEmpty();
    return found.get(0);
  }

  /** Like {@link #expect} and there is no other error: one root cause, one diagnostic. */
  static Diagnostic expectOnly(String src, Code code, String marker) {
    return expectOnly(src, code, marker, 1);
  }

  static Diagnostic expectOnly(String src, Code code, String marker, int nth) {
    Diagnostic d = expect(src, code, marker, nth);
    Compilation c = compile(src);
    assertThat(c.diagnostics().stream().filter(Diagnostic::isError).count())
        .as("only one error expected:\n%s", describe(c.diagnostics()))
        .isLessThanOrEqualTo(1);
    return d;
  }

  /** Asserts the text compiles without errors and returns the compilation. */
  static Compilation ok(String src) {
    Compilation c = compile(src);
    assertThat(c.hasErrors()).as(describe(c.diagnostics())).isFalse();
    assertThat(c.ir()).isPresent();
    return c;
  }

  /** A pool on {@code cloud} with the given extra body text. */
  static String pool(String name, String cloud, String body) {
    String machine =
        switch (cloud) {
          case "prod" ->
              "machine { size = \"m6i.large\" image = \"ami-0abcdef1234567890\" subnets = [\"subnet-a\"] }";
          case "weu" ->
              "machine { size = \"Standard_D2s_v5\" image = \"Canonical:ubuntu:24_04-lts:latest\" }";
          default -> "machine { size = \"small\" image = \"ubuntu\" }";
        };
    return "pool \""
        + name
        + "\" on "
        + cloud
        + " {\n  capacity { min = 1 max = 5 }\n  "
        + machine
        + "\n  "
        + body
        + "\n}\n";
  }
}
