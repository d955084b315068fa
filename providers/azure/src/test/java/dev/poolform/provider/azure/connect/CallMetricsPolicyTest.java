package dev.poolform.provider.azure.connect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poolform.runtime.provider.CloudCalls.Outcome;
import org.junit.jupiter.api.Test;

/** The operation label of an ARM request leaves the names out, so the series stay few. */
class CallMetricsPolicyTest {
  static final String RG = "/subscriptions/0000/resourceGroups/rg-pools";

  @Test
  void operationsAreResourceTypesWithoutNames() {
    assertThat(
            CallMetricsPolicy.resourcePath(
                RG + "/providers/Microsoft.Compute/virtualMachineScaleSets/web"))
        .isEqualTo("virtualMachineScaleSets/*");
    assertThat(
            CallMetricsPolicy.resourcePath(
                RG + "/providers/Microsoft.Compute/virtualMachineScaleSets"))
        .isEqualTo("virtualMachineScaleSets");
    assertThat(
            CallMetricsPolicy.resourcePath(
                RG + "/providers/Microsoft.Compute/virtualMachineScaleSets/web/virtualMachines/3"))
        .isEqualTo("virtualMachineScaleSets/*/virtualMachines/*");
    assertThat(
            CallMetricsPolicy.resourcePath(
                RG + "/providers/Microsoft.Compute/virtualMachineScaleSets/web/delete"))
        .isEqualTo("virtualMachineScaleSets/*/delete");
    assertThat(
            CallMetricsPolicy.resourcePath(
                "/subscriptions/0000/providers/Microsoft.Compute/locations/westeurope/operations/a1"))
        .isEqualTo("locations/*/operations/*");
    assertThat(CallMetricsPolicy.resourcePath("/subscriptions/0000/resources"))
        .isEqualTo("resources");
    assertThat(CallMetricsPolicy.resourcePath(RG)).isEqualTo("/");
  }

  @Test
  void a429IsAThrottleAndOther4xxOr5xxAreErrors() {
    assertThat(CallMetricsPolicy.outcome(200)).isEqualTo(Outcome.OK);
    assertThat(CallMetricsPolicy.outcome(202)).isEqualTo(Outcome.OK);
    assertThat(CallMetricsPolicy.outcome(429)).isEqualTo(Outcome.THROTTLED);
    assertThat(CallMetricsPolicy.outcome(404)).isEqualTo(Outcome.ERROR);
    assertThat(CallMetricsPolicy.outcome(500)).isEqualTo(Outcome.ERROR);
  }
}
