package dev.poolform.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.poolform.cli.CliRun;
import dev.poolform.runtime.local.LocalCloud;
import dev.poolform.runtime.local.LocalGroup;
import dev.poolform.runtime.local.LocalMachine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A configuration directory under test: its files, the CLI run in it, and its local cloud. */
final class Workspace {
  final Path dir;
  final Map<String, String> env = new HashMap<>();

  Workspace(Path dir) {
    this.dir = dir;
    env.put("NO_COLOR", "1");
    // A home of its own: a state key made for a secret goes there, never into the real one.
    env.put("HOME", dir.resolve(".home").toString());
  }

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  String read(String name) throws IOException {
    return Files.readString(dir.resolve(name));
  }

  /** {@code pool ARGS...} in-process, in this directory. */
  CliRun pool(String... args) {
    return CliRun.run(dir, env, "", args);
  }

  /** {@code pool ARGS...} in-process, with signals the test sends through {@code interrupts}. */
  CliRun pool(dev.poolform.cli.Interrupts interrupts, String... args) {
    return CliRun.run(dir, env, "", interrupts, args);
  }

  CliRun poolWithInput(String stdin, String... args) {
    return CliRun.run(dir, env, stdin, args);
  }

  /** Runs a command and fails the test with its output unless it exits with {@code status}. */
  CliRun expect(int status, String... args) {
    CliRun r = pool(args);
    assertThat(r.status())
        .as("pool %s\nstdout:\n%s\nstderr:\n%s", String.join(" ", args), r.out(), r.err())
        .isEqualTo(status);
    assertThat(r.hasStackTrace()).as("no stack trace in:\n%s%s", r.out(), r.err()).isFalse();
    return r;
  }

  LocalCloud cloud(String name) {
    return new LocalCloud(dir, name, Clock.systemUTC(), Optional.empty());
  }

  /** Every group of every local cloud, by cloud then name. */
  Map<String, LocalGroup> groups() throws Exception {
    Map<String, LocalGroup> out = new TreeMap<>();
    for (String c : LocalCloud.clouds(dir)) {
      for (LocalGroup g : cloud(c).groups()) out.put(c + "/" + g.name(), g);
    }
    return out;
  }

  /** Waits (in real time) until the group has {@code n} healthy machines. */
  LocalGroup awaitHealthy(String cloud, String group, int n, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      LocalGroup g = cloud(cloud).group(group).orElseThrow();
      if (g.count(LocalMachine.Status.HEALTHY) == n && g.machines().size() == n) return g;
      if (System.nanoTime() > end)
        throw new AssertionError("group " + group + " never had " + n + " healthy machines: " + g);
      Thread.sleep(50);
    }
  }

  /**
   * The state of the configuration under test: {@code pool.state.json} when the directory is the
   * configuration ({@code pool apply}), {@code main.state.json} when {@code main.pool} is ({@code
   * pool apply main.pool}).
   */
  JsonNode state() throws IOException {
    return stateOf(statePath().getFileName().toString());
  }

  /** The state file {@link #state} reads. */
  Path statePath() {
    Path folder = dir.resolve("pool.state.json");
    return Files.exists(folder) ? folder : dir.resolve("main.state.json");
  }

  /** A state file of this folder ({@code NAME.state.json} of {@code NAME.pool}). */
  JsonNode stateOf(String name) throws IOException {
    return new ObjectMapper().readTree(dir.resolve(name).toFile());
  }

  /** Addresses in the state file. */
  List<String> stateAddresses() throws IOException {
    List<String> out = new ArrayList<>();
    state().path("resources").fieldNames().forEachRemaining(out::add);
    return out;
  }
}
