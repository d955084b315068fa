package dev.poolform.runtime.local;

import dev.poolform.runtime.provider.ObservedMachine;
import dev.poolform.runtime.provider.ObservedMachine.MachineState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One simulated machine. Its boot is decided when it is launched ({@code bootTime}, {@code
 * failsToBoot}) so that its whole life is a function of the clock until someone acts on it.
 *
 * @param id {@code m-<8 hex>}
 * @param zone the zone it was placed in, if the model names zones
 * @param specHash the spec hash of the model it was launched from
 * @param launchedAt launch time
 * @param bootTime launch to healthy (pending for the first half, running for the second)
 * @param failsToBoot whether it ends its boot as FAILED instead of HEALTHY
 * @param status where it is now (as of the group's last advance)
 * @param healthySince when it became healthy
 * @param failedAt when it failed (boot failure or killed); it is removed {@code replaceDelay} later
 * @param unhealthySince when it became unhealthy ({@code pool local sick})
 */
public record LocalMachine(
    String id,
    Optional<String> zone,
    String specHash,
    Instant launchedAt,
    Duration bootTime,
    boolean failsToBoot,
    Status status,
    Optional<Instant> healthySince,
    Optional<Instant> failedAt,
    Optional<Instant> unhealthySince) {

  /** Lifecycle; terminated machines are removed from the group, not kept with a status. */
  public enum Status {
    PENDING,
    RUNNING,
    HEALTHY,
    UNHEALTHY,
    FAILED;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  static LocalMachine launch(
      String id,
      Optional<String> zone,
      String specHash,
      Instant at,
      LocalSettings s,
      boolean fails) {
    return new LocalMachine(
        id,
        zone,
        specHash,
        at,
        s.bootTime(),
        fails,
        Status.PENDING,
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  LocalMachine withStatus(Status status) {
    return new LocalMachine(
        id,
        zone,
        specHash,
        launchedAt,
        bootTime,
        failsToBoot,
        status,
        healthySince,
        failedAt,
        unhealthySince);
  }

  LocalMachine healthy(Instant at) {
    return new LocalMachine(
        id,
        zone,
        specHash,
        launchedAt,
        bootTime,
        failsToBoot,
        Status.HEALTHY,
        Optional.of(at),
        failedAt,
        Optional.empty());
  }

  LocalMachine failed(Instant at) {
    return new LocalMachine(
        id,
        zone,
        specHash,
        launchedAt,
        bootTime,
        failsToBoot,
        Status.FAILED,
        healthySince,
        Optional.of(at),
        unhealthySince);
  }

  LocalMachine unhealthy(Instant at) {
    return new LocalMachine(
        id,
        zone,
        specHash,
        launchedAt,
        bootTime,
        failsToBoot,
        Status.UNHEALTHY,
        healthySince,
        failedAt,
        Optional.of(at));
  }

  /** Still counts as a member that can serve (or come to serve). */
  public boolean alive() {
    return status != Status.FAILED;
  }

  /** When this machine next changes by itself, or empty if it will not. */
  Optional<Instant> nextEvent(LocalSettings settings) {
    return switch (status) {
      case PENDING -> Optional.of(launchedAt.plus(bootTime.dividedBy(2)));
      case RUNNING -> Optional.of(launchedAt.plus(bootTime));
      case FAILED -> failedAt.map(f -> f.plus(settings.replaceDelay()));
      case HEALTHY, UNHEALTHY -> Optional.empty();
    };
  }

  /** The provider SPI's view. */
  public ObservedMachine observed() {
    MachineState state =
        switch (status) {
          case PENDING -> MachineState.PENDING;
          case RUNNING -> MachineState.RUNNING;
          case HEALTHY -> MachineState.HEALTHY;
          case UNHEALTHY -> MachineState.UNHEALTHY;
          case FAILED -> MachineState.FAILED;
        };
    Optional<Instant> badSince =
        status == Status.UNHEALTHY
            ? unhealthySince
            : status == Status.FAILED ? failedAt : Optional.empty();
    return new ObservedMachine(
        id, zone, Optional.of(specHash), state, launchedAt, healthySince, badSince);
  }
}
