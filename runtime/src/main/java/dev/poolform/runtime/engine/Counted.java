package dev.poolform.runtime.engine;

/** Counts in plan reasons and apply messages, in English: "1 machine", "3 machines". */
final class Counted {
  private Counted() {}

  static String machines(long n) {
    return n + (n == 1 ? " machine" : " machines");
  }

  /** "1 unhealthy machine", "3 unhealthy machines". */
  static String machines(long n, String adjective) {
    return n + " " + adjective + (n == 1 ? " machine" : " machines");
  }
}
