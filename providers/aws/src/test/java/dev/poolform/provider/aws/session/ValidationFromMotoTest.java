package dev.poolform.provider.aws.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.provider.aws.harness.AwsPools;
import dev.poolform.provider.aws.harness.Sessions;
import dev.poolform.runtime.provider.CapacityRequest;
import dev.poolform.runtime.provider.GroupRef;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.ListValue;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import dev.poolform.testing.moto.MotoExtension;
import dev.poolform.testing.moto.MotoServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Errors as moto really answers them, mapped to the attribute they are about. */
@ExtendWith(MotoExtension.class)
class ValidationFromMotoTest {
  @Test
  void unknownSubnetPointsAtSubnetsAndOtherPoolsCarryOn(MotoServer moto) throws Exception {
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      var m = new TreeMap<>(AwsPools.machine(AwsPools.IMAGE_A, "t3.micro").entries());
      m.remove("zones");
      m.put("subnets", new ListValue(List.of(new StringValue("subnet-0123456789abcdef0"))));
      var bad = AwsPools.spec(AwsPools.pool("bad", MapValue.of(m), 1), "l");
      assertThatThrownBy(() -> s.create(bad, CapacityRequest.of(0, 2, 1), "t"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
                assertThat(e.attribute()).contains("machine.subnets");
              });
      // The next pool is unaffected.
      GroupRef ok =
          s.create(
              AwsPools.spec(
                  AwsPools.pool("good", AwsPools.machine(AwsPools.IMAGE_A, "t3.micro"), 1), "l"),
              CapacityRequest.of(0, 2, 1),
              "t");
      assertThat(s.read(List.of(ok))).containsKey("pool.good");
    }
  }

  @Test
  void noZonesNorSubnetsPointsAtZones(MotoServer moto) throws Exception {
    try (AwsSession s = Sessions.open(moto.endpoint(), "l", null)) {
      var m = new TreeMap<>(AwsPools.machine(AwsPools.IMAGE_A, "t3.micro").entries());
      m.remove("zones");
      var spec = AwsPools.spec(AwsPools.pool("nozones", MapValue.of(Map.copyOf(m)), 1), "l");
      assertThatThrownBy(() -> s.create(spec, CapacityRequest.of(0, 2, 1), "t"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ProviderException.Kind.INVALID_VALUE);
                assertThat(e.attribute()).contains("machine.zones");
                assertThat(e.cloudCode()).contains("ValidationError");
              });
    }
  }
}
