package dev.poolform.provider.aws.session;

import dev.poolform.provider.aws.connect.AwsClients;
import dev.poolform.provider.aws.mapping.Tags;
import dev.poolform.runtime.provider.ProviderException;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;

/**
 * What EC2 says of an instance that never changes: its launch time and the {@code
 * poolform:spec-hash} its launch template version tagged it with. Read once per instance by an
 * {@code instance-id} filter ({@link FilteredReads}: a just-launched instance EC2 does not list yet
 * is asked for again at the next read).
 */
final class InstanceFacts {
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
    FilteredReads.load(
        ids,
        byId.keySet(),
        (batch, token) -> {
          var r =
              Calls.read(
                  "reading instances",
                  () ->
                      aws.ec2Read()
                          .describeInstances(
                              DescribeInstancesRequest.builder()
                                  .filters(
                                      Filter.builder().name("instance-id").values(batch).build())
                                  .nextToken(token)
                                  .build()));
          r.reservations().forEach(res -> res.instances().forEach(this::remember));
          return r.nextToken();
        });
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
