package dev.poolform.cli.view;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process talks to a person at a terminal (colours, prompts, live progress). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when stdin and stdout are a terminal. Up to Java 21 {@link System#console()} exists only
   * then; from Java 22 it exists for pipes too, and {@code Console.isTerminal()} (22+, so called
   * reflectively here) tells the two apart.
   */
  /**
   * True when standard error is a terminal. Java has no portable test for one stream, so on Linux
   * this asks {@code /proc} where file descriptor 2 leads (a {@code /dev/pts/N} or {@code
   * /dev/tty*} is a terminal); elsewhere it falls back to {@link #attached()}.
   */
  public static boolean stderrAttached() {
    Path fd = Path.of("/proc/self/fd/2");
    if (!Files.exists(Path.of("/proc/self/fd"))) return attached();
    try {
      String target = fd.toRealPath().toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  // Error Prone's SystemConsoleNull asks for exactly this: the null test is right up to Java 21,
  // and isTerminal() decides from Java 22 on. It cannot see the reflective call.
  @SuppressWarnings("SystemConsoleNull")
  public static boolean attached() {
    Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
