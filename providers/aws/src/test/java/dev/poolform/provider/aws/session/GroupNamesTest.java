package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.ir.IrPool;
import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.provider.aws.mapping.Names;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.GroupSpec;
import dev.poolform.runtime.provider.ObservedGroup;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;

/**
 * Pools whose names are valid Auto Scaling group names but not launch template names (too short,
 * other characters, too long) go through their whole life against moto, and a group named as
 * earlier releases allowed keeps the template name those releases gave it.
 */
@ExtendWith(MotoExtension.class)
class GroupNamesTest {
  final String lineage = UUID.randomUUID().toString();
  AwsSession session;

  @BeforeEach
  void open(MotoServer moto) throws ProviderException {
    session = Sessions.open(moto.endpoint(), lineage, null);
  }

  @AfterEach
  void close() {
    session.close();
  }

  private GroupSpec spec(String name, String image) {
    IrPool p = AwsPools.pool(name, AwsPools.machine(image, "t3.micro"), 1);
    return AwsPools.spec(p, lineage);
  }

  private List<String> templateNames() {
    return session.clients().ec2Read().describeLaunchTemplates().launchTemplates().stream()
        .map(LaunchTemplate::launchTemplateName)
        .sorted()
        .toList();
  }

  /** Create, read, a new machine model (a second template version), delete. */
  private void wholeLife(String name) throws Exception {
    GroupRef ref = session.create(spec(name, AwsPools.IMAGE_A), CapacityRequest.of(0, 2, 1), "t");
    assertThat(ref.cloudId()).isEqualTo(name);
    ObservedGroup g = session.read(List.of(ref)).get("pool." + name);
    assertThat(g.instanceCount()).isEqualTo(1);
    assertThat(g.machine().string("image")).contains(AwsPools.IMAGE_A);
    assertThat(templateNames()).containsExactly(Names.template(name));

    session.updateModel(ref, spec(name, AwsPools.IMAGE_B));
    assertThat(session.read(List.of(ref)).get("pool." + name).machine().string("image"))
        .contains(AwsPools.IMAGE_B);
    assertThat(
            session
                .clients()
                .ec2Read()
                .describeLaunchTemplateVersions(b -> b.launchTemplateName(Names.template(name)))
                .launchTemplateVersions())
        .hasSize(2);
    assertThat(session.findOwned(lineage)).extracting(o -> o.ref().cloudId()).containsExactly(name);

    session.delete(ref);
    assertThat(session.read(List.of(ref))).isEmpty();
    assertThat(templateNames()).isEmpty();
  }

  @Test
  void aOneCharacterGroup() throws Exception {
    wholeLife("w");
    assertThat(Names.template("w")).isEqualTo("poolform-w");
  }

  @Test
  void aGroupWithCharactersTemplatesRefuse() throws Exception {
    wholeLife("web@1+(blue)");
    assertThat(Names.template("web@1+(blue)")).startsWith("poolform-web_1_(blue)-");
  }

  @Test
  void aGroupOfTheLongestName() throws Exception {
    wholeLife("x".repeat(249));
  }

  @Test
  void aGroupNamedAsBeforeKeepsItsTemplateName() throws Exception {
    // The name an earlier release gave this group's template, written out: if the rule changed
    // for such names, running deployments would lose their templates.
    GroupRef ref = session.create(spec("api", AwsPools.IMAGE_A), CapacityRequest.of(0, 2, 1), "t");
    assertThat(templateNames()).containsExactly("poolform-api");
    session.delete(ref);
    assertThat(templateNames()).isEmpty();
  }

  @Test
  void aTemplateLeftByAKilledCreateIsTakenOver() throws Exception {
    // A crash between CreateLaunchTemplate and CreateAutoScalingGroup: the retried create finds
    // the template under its derived name rather than failing on it.
    GroupSpec s = spec("w@", AwsPools.IMAGE_A);
    // A process of its own: nothing cached from this session.
    new Templates(
            session.clients(),
            lineage,
            new TemplateCatalog(),
            new VersionCache(),
            new RootDevices(session.clients()))
        .ensure(s);
    assertThat(session.findOwned(lineage)).extracting(o -> o.ref().cloudId()).containsExactly("w@");
    GroupRef ref = session.create(s, CapacityRequest.of(0, 2, 1), "t");
    assertThat(session.read(List.of(ref))).containsKey("pool.w@");
    assertThat(templateNames()).containsExactly(Names.template("w@"));
    session.delete(ref);
    assertThat(templateNames()).isEmpty();
  }
}
