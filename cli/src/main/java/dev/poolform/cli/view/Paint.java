package dev.poolform.cli.view;

/** ANSI colours for plan and progress text; {@code off} adds nothing (pipes, NO_COLOR). */
public record Paint(boolean on) {
  public static final Paint OFF = new Paint(false);

  private static final String RESET = "\u001b[0m";

  public String green(String s) {
    return wrap("\u001b[32m", s);
  }

  public String yellow(String s) {
    return wrap("\u001b[33m", s);
  }

  public String red(String s) {
    return wrap("\u001b[31m", s);
  }

  public String bold(String s) {
    return wrap("\u001b[1m", s);
  }

  public String dim(String s) {
    return wrap("\u001b[2m", s);
  }

  private String wrap(String code, String s) {
    return on && !s.isEmpty() ? code + s + RESET : s;
  }
}
