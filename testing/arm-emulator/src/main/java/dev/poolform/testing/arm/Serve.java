package dev.poolform.testing.arm;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * The emulator as a process of its own, to try the azure provider through {@code pool} without a
 * subscription (docs/providers/azure.md, "Trying it without a subscription"): it prints the two
 * environment variables that point Poolform at it, then serves until the process is stopped.
 *
 * <p>{@code --token T} sets the bearer token it accepts (default {@value #DEFAULT_TOKEN}); {@code
 * --boot-ms N} how long a new machine takes to boot (default 2000, so a user sees machines boot).
 */
public final class Serve {
  static final String DEFAULT_TOKEN = "emulator";

  private Serve() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    String token = DEFAULT_TOKEN;
    long bootMillis = 2000;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--token" -> token = value;
        case "--boot-ms" -> bootMillis = Long.parseLong(value);
        default -> {
          System.err.println("usage: Serve [--token T] [--boot-ms N]");
          System.exit(2);
        }
      }
    }
    ArmEmulator arm = ArmEmulator.start(token);
    arm.bootMillis = bootMillis;
    Runtime.getRuntime().addShutdownHook(new Thread(arm::close));
    System.out.println("# ARM emulator serving on " + arm.endpoint() + "; stop it with Ctrl-C.");
    System.out.println("export POOLFORM_AZURE_ENDPOINT=" + arm.endpoint());
    System.out.println("export POOLFORM_AZURE_TEST_TOKEN=" + token);
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
