package dev.poolform.provider.azure;

import dev.poolform.ir.IrCloud;
import dev.poolform.runtime.provider.CloudSession;
import dev.poolform.testing.arm.ArmEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh ARM emulator and a session on it (through the real SDK) for each test; the subclass picks
 * the lineage and how fast instances boot.
 */
abstract class EmulatorTest {
  ArmEmulator arm;
  IrCloud cloud;
  CloudSession session;

  abstract String lineage();

  abstract long bootMillis();

  @BeforeEach
  void startEmulator() throws Exception {
    arm = ArmEmulator.start(AzureTestSupport.TOKEN);
    arm.bootMillis = bootMillis();
    cloud = AzureTestSupport.cloud(arm);
    session = AzureTestSupport.connect(arm, lineage());
  }

  @AfterEach
  void stopEmulator() {
    session.close();
    arm.close();
  }
}
