package dev.poolform.cli.view;

import java.io.Console;

/** Whether the process talks to a person at a terminal (colours, prompts, live progress). */
public final class Terminal {
  private Terminal() {}

  /**
   * True when stdin and stdout are a terminal. Up to Java 21 {@link System#console()} exists only
   * then; from Java 22 it exists for pipes too, and {@code Console.isTerminal()} (22+, so called
   * reflectively here) tells the two apart.
   */
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
