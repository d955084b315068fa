package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 11 rule 9: AWS deletes groups asynchronously. DeleteAutoScalingGroup is refused while a
 * scale-in is still terminating instances ({@code ScalingActivityInProgress}), and a deleted group
 * stays listed "Delete in progress" for a while, its name taken. The extension (item 9) does both
 * when told how long they take; the session waits them out and reads a deleting group as gone.
 * Costs about 3 s of waiting.
 */
@ExtendWith(MotoExtension.class)
class GroupDeletionTest {
  final String lineage = UUID.randomUUID().toString();
  AwsSession session;
  MotoServer moto;

  @BeforeEach
  void open(MotoServer moto) throws ProviderException {
    this.moto = moto;
    session = Sessions.open(moto.endpoint(), lineage, null);
    moto.settings(Map.of("terminate_seconds", 1.0, "delete_seconds", 1.5));
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void deleteWaitsOutTheScaleInAndTheNameIsFreeAgainForACreate() throws Exception {
    IrPool p = AwsPools.pool("going", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 2);
    GroupSpec spec = AwsPools.spec(p, lineage);
    GroupRef ref = session.create(spec, CapacityRequest.of(0, 4, 2), "t1");
    assertThat(session.machines(ref)).hasSize(2);

    // Scaling to zero leaves a scaling activity running: the delete is refused until it ends.
    session.delete(ref);
    // Still listed by AWS as "Delete in progress": gone for Poolform.
    assertThat(session.clients().asgRead().describeAutoScalingGroups().autoScalingGroups())
        .anySatisfy(g -> assertThat(g.status()).isEqualTo(GroupReader.DELETE_IN_PROGRESS));
    assertThat(session.read(List.of(ref))).isEmpty();
    assertThat(session.findOwned(lineage)).noneMatch(g -> g.ref().cloudId().equals("going"));

    // Creating the pool again right away waits until the name is free, then creates it.
    GroupRef again = session.create(spec, CapacityRequest.of(0, 4, 1), "t2");
    assertThat(session.read(List.of(again)).get(again.address()).desired()).isEqualTo(1);
    assertThat(session.machines(again)).hasSize(1);
  }
}
