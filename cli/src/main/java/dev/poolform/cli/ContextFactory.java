package dev.poolform.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Creates commands for picocli, handing each the {@link CliContext} when it has a constructor
 * taking one; other classes (converters, mixins) are built as picocli would.
 */
final class ContextFactory implements CommandLine.IFactory {
  private final CliContext context;

  ContextFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> cls) throws Exception {
    try {
      Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
      c.setAccessible(true);
      return c.newInstance(context);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(cls);
    }
  }
}
