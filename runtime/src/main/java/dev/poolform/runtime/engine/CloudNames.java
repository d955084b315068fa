package dev.poolform.runtime.engine;

import dev.poolform.runtime.provider.CloudIdentity;
import java.util.Map;
import java.util.Optional;

/** Cloud keys with what they point at, for the reasons a plan gives. */
record CloudNames(Map<String, CloudIdentity> identities) {
  CloudNames {
    identities = Map.copyOf(identities);
  }

  Optional<CloudIdentity> of(String key) {
    return Optional.ofNullable(identities.get(key));
  }

  /** {@code aws.prod: aws (account 1, region eu-west-1)}, or the key alone. */
  String describe(String key) {
    return of(key).map(i -> key + " (" + i.describe() + ")").orElse(key);
  }
}
