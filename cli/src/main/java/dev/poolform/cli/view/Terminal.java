package dev.poolform.cli.view;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process talks to a person at a terminal (colours, prompts, live progress). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when stdin and stdout are a terminal. On Linux {@code /proc} says where each file
   * descriptor leads; elsewhere {@link System#console()} decides (see {@link #consoleAttached()}).
   * {@code /proc} comes first because from Java 22 on {@code System.console()} finds its
   * implementation through service loading and method handles: about 10 ms of a cold {@code pool
   * validate} on Java 25 (docs/BENCHMARKS.md#cold-start-java-25s-exit-and-console).
   */
  public static boolean attached() {
    if (!Files.exists(Path.of("/proc/self/fd"))) return consoleAttached();
    return isTerminal(0) && isTerminal(1);
  }

  /**
   * True when standard error is a terminal. Java has no portable test for one stream, so on Linux
   * this asks {@code /proc} where file descriptor 2 leads; elsewhere it falls back to {@link
   * #attached()}.
   */
  public static boolean stderrAttached() {
    if (!Files.exists(Path.of("/proc/self/fd"))) return consoleAttached();
    return isTerminal(2);
  }

  /** Whether file descriptor {@code fd} leads to a {@code /dev/pts/N} or {@code /dev/tty*}. */
  private static boolean isTerminal(int fd) {
    try {
      String target = Path.of("/proc/self/fd/" + fd).toRealPath().toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Up to Java 21 {@link System#console()} exists only when stdin and stdout are a terminal; from
   * Java 22 it exists for pipes too, and {@code Console.isTerminal()} (22+, so called reflectively
   * here) tells the two apart.
   */
  // Error Prone's SystemConsoleNull asks for exactly this: the null test is right up to Java 21,
  // and isTerminal() decides from Java 22 on. It cannot see the reflective call.
  @SuppressWarnings("SystemConsoleNull")
  private static boolean consoleAttached() {
    Console console = System.console();
    if (console == null) return false;
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
