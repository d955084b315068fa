package dev.poolform.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.runtime.provider.ProviderException;
import dev.poolform.stdlib.value.MapValue;
import dev.poolform.stdlib.value.StringValue;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Resource Manager endpoint nobody listens on fails the first read at once, naming the cause and
 * the cloud's {@code endpoint}, instead of after the retry deadline.
 */
class UnreachableEndpointTest {

  @Test
  void anEndpointThatNeverAnsweredFailsAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Map<String, StringValue> m = new HashMap<>();
    m.put("subscription", new StringValue(AzureTestSupport.SUB));
    m.put("resource_group", new StringValue(AzureTestSupport.RG));
    m.put("location", new StringValue("westeurope"));
    m.put("endpoint", new StringValue("http://127.0.0.1:" + port));
    IrCloud cloud = new IrCloud("azure", "az", MapValue.of(Map.copyOf(m)));
    // env() gives the steps a 30 s retry deadline: an unreachable endpoint used to take all of it.
    long start = System.nanoTime();
    try (CloudSession s = AzureTestSupport.connect(cloud, "l", AzureTestSupport.env())) {
      assertThatThrownBy(() -> s.findOwned("l"))
          .isInstanceOfSatisfying(
              ProviderException.class,
              e -> {
                assertThat(e.attribute()).contains("endpoint");
                assertThat(e.getMessage())
                    .startsWith("Could not reach Azure Resource Manager while")
                    .contains("ConnectException")
                    .contains("`endpoint`");
              });
    }
    assertThat((System.nanoTime() - start) / 1_000_000_000.0).isLessThan(10.0);
  }
}
