package dev.poolform.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIGINT (Ctrl-C, also under tmux or any terminal: the terminal sends it to the foreground process)
 * and SIGTERM (what CI runners and {@code kill} send) routed to an {@link Interrupts.Handler} while
 * an apply runs, instead of the JVM's default of exiting at once. Uses {@code sun.misc.Signal}, the
 * JDK's supported-but-unofficial way (module {@code jdk.unsupported}) to handle signals, through
 * reflection so the build's no-warnings rule holds. Where it is missing, or the JVM may not handle
 * a signal (it was ignored when the process started, as for background jobs of a non-interactive
 * shell, or {@code -Xrs}), that signal keeps its default behaviour.
 */
final class OsInterrupts implements Interrupts {
  private static final List<String> SIGNALS = List.of("INT", "TERM");

  @Override
  public Armed arm(Handler handler) {
    AtomicInteger count = new AtomicInteger();
    List<Runnable> restore = new ArrayList<>();
    for (String name : SIGNALS) {
      try {
        restore.add(install(name, () -> handler.interrupted(count.incrementAndGet())));
      } catch (ReflectiveOperationException | RuntimeException e) {
        // This signal keeps its default: the process ends, and a later run recovers as after a
        // kill.
      }
    }
    return () -> restore.forEach(Runnable::run);
  }

  @Override
  public void halt(int status) {
    Runtime.getRuntime().halt(status);
  }

  /** Installs {@code action} for signal {@code name}; returns what puts the old handler back. */
  private static Runnable install(String name, Runnable action)
      throws ReflectiveOperationException {
    Class<?> signalClass = Class.forName("sun.misc.Signal");
    Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
    Object signal = signalClass.getConstructor(String.class).newInstance(name);
    InvocationHandler ih =
        (proxy, method, args) ->
            switch (method.getName()) {
              case "handle" -> {
                action.run();
                yield null;
              }
              case "hashCode" -> System.identityHashCode(proxy);
              case "equals" -> proxy == args[0];
              case "toString" -> "poolform " + name + " handler";
              default -> null;
            };
    Object handler =
        Proxy.newProxyInstance(
            OsInterrupts.class.getClassLoader(), new Class<?>[] {handlerClass}, ih);
    Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
    Object previous = handle.invoke(null, signal, handler);
    return () -> {
      try {
        handle.invoke(null, signal, previous);
      } catch (IllegalAccessException | InvocationTargetException e) {
        // The process is about to end anyway.
      }
    };
  }
}
