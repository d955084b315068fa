package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What EC2 says of an instance that never changes: its launch time and the {@code
 * poolform:spec-hash} its launch template version tagged it with. Read once per instance, in
 * batches, by an {@code instance-id} filter: unlike {@code InstanceIds}, a filter does not fail the
 * whole call with {@code InvalidInstanceID.NotFound} when EC2 does not list a just-launched
 * instance yet (EC2 is eventually consistent: docs/providers/aws.md#real-cloud-notes); such an
 * instance is simply asked for again at the next read.
 */
final class InstanceFacts {
  /** Filter values per DescribeInstances call. */
  static final int BATCH = 200;

  record Fact(Instant launched, Optional<String> specHash) {}

  private final AwsClients aws;
  private final Map<String, Fact> byId = new ConcurrentHashMap<>();

  InstanceFacts(AwsClients aws) {
    this.aws = aws;
  }

  Optional<Fact> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Reads the facts of the instances among {@code ids} not known yet. */
  void load(Collection<String> ids) throws ProviderException {
    List<String> unknown = ids.stream().distinct().filter(i -> !byId.containsKey(i)).toList();
    for (int i = 0; i < unknown.size(); i += BATCH) {
      List<String> batch = new ArrayList<>(unknown.subList(i, Math.min(unknown.size(), i + BATCH)));
      String token = null;
      do {
        String t = token;
        var r =
            Calls.read(
                "reading instances",
                () ->
                    aws.ec2Read()
                        .describeInstances(
                            DescribeInstancesRequest.builder()
                                .filters(Filter.builder().name("instance-id").values(batch).build())
                                .nextToken(t)
                                .build()));
        r.reservations().forEach(res -> res.instances().forEach(this::remember));
        token = r.nextToken();
      } while (token != null && !token.isEmpty());
    }
  }

  private void remember(Instance x) {
    if (x.launchTime() == null) return;
    Optional<String> hash =
        x.tags().stream()
            .filter(t -> Tags.SPEC_HASH.equals(t.key()))
            .map(t -> t.value())
            .findFirst();
    byId.put(x.instanceId(), new Fact(x.launchTime(), hash));
  }
}
