package dev.poolform.compiler.diag.render;

import dev.poolform.compiler.diag.Severity;

/**
 * ANSI styling for the text renderer. {@link #PLAIN} adds nothing; the CLI picks {@link #ANSI} only
 * for a terminal without {@code NO_COLOR} (https://no-color.org) and {@code TERM != dumb}.
 */
public enum Style {
  PLAIN,
  ANSI;

  private static final String RESET = "\u001b[0m";

  String severity(Severity s, String text) {
    return wrap(s == Severity.ERROR ? "\u001b[1;31m" : "\u001b[1;33m", text);
  }

  String bold(String text) {
    return wrap("\u001b[1m", text);
  }

  /** Gutters and arrows. */
  String frame(String text) {
    return wrap("\u001b[1;34m", text);
  }

  String note(String text) {
    return wrap("\u001b[1;32m", text);
  }

  String help(String text) {
    return wrap("\u001b[1;36m", text);
  }

  private String wrap(String code, String text) {
    return this == ANSI && !text.isEmpty() ? code + text + RESET : text;
  }
}
