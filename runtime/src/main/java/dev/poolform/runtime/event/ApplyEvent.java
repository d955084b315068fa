package dev.poolform.runtime.event;

import java.time.Instant;
import java.util.Optional;

/** One step of an apply. Every event has a time and the pool it is about. */
public sealed interface ApplyEvent {
  Instant at();

  String address();

  /** The event's name in JSON lines ({@code pool_started}, ...). */
  String type();

  /** Work on a pool began; {@code action} as in plans ({@code create}, {@code rollout}, ...). */
  record PoolStarted(Instant at, String address, String action) implements ApplyEvent {
    @Override
    public String type() {
      return "pool_started";
    }
  }

  record PoolFinished(Instant at, String address, String action) implements ApplyEvent {
    @Override
    public String type() {
      return "pool_finished";
    }
  }

  /**
   * A pool failed; {@code attribute} is the pool attribute the cloud's error is about, if known.
   */
  record PoolFailed(
      Instant at, String address, String action, String message, Optional<String> attribute)
      implements ApplyEvent {
    @Override
    public String type() {
      return "pool_failed";
    }
  }

  /**
   * Stopped because the apply was interrupted: {@code started} says whether it had begun (its
   * current step finished and what it started is owed) or was never started.
   */
  record PoolInterrupted(Instant at, String address, String action, boolean started)
      implements ApplyEvent {
    @Override
    public String type() {
      return "pool_interrupted";
    }
  }

  /** Not touched because a pool it comes {@code after} failed or was skipped. */
  record PoolSkipped(Instant at, String address, String action, String reason)
      implements ApplyEvent {
    @Override
    public String type() {
      return "pool_skipped";
    }
  }

  record MachineLaunched(Instant at, String address, String machineId, String specHash)
      implements ApplyEvent {
    @Override
    public String type() {
      return "machine_launched";
    }
  }

  /**
   * A machine the engine terminated: {@code why} is {@code rollout}, {@code repair}, {@code
   * failed}; {@code available} says whether it was serving (healthy for {@code min_ready}) when it
   * went, so a reader can check from the events alone that a rollout kept {@code available >=
   * desired - max_unavailable}.
   */
  record MachineRetired(Instant at, String address, String machineId, String why, boolean available)
      implements ApplyEvent {
    @Override
    public String type() {
      return "machine_retired";
    }
  }

  /**
   * Rollout counts after a poll: machines on the new and old spec, available ones, and the goal. A
   * rollout the cloud drives ({@code engine = "cloud"}) reports only its percent: {@code cloud} is
   * true and the counts are 0, which count nothing (not an outage).
   */
  record RolloutProgress(
      Instant at,
      String address,
      int updated,
      int old,
      int available,
      long desired,
      int percent,
      boolean cloud)
      implements ApplyEvent {
    /** Progress of Poolform's own engine, which counts the machines. */
    public RolloutProgress(
        Instant at,
        String address,
        int updated,
        int old,
        int available,
        long desired,
        int percent) {
      this(at, address, updated, old, available, desired, percent, false);
    }

    @Override
    public String type() {
      return "rollout_progress";
    }
  }

  /**
   * A step that waits for machines (a create, scale, repair, replace or resume) saw the count move:
   * {@code available} of the {@code desired} machines it waits for are healthy for {@code
   * min_ready}; {@code booting} are on their way.
   */
  record CapacityProgress(Instant at, String address, long available, long desired, long booting)
      implements ApplyEvent {
    @Override
    public String type() {
      return "capacity_progress";
    }
  }

  /**
   * A free-form step worth showing (waiting for capacity, rollback started, cloud rollout status).
   */
  record Message(Instant at, String address, String text) implements ApplyEvent {
    @Override
    public String type() {
      return "message";
    }
  }
}
