package dev.poolform.provider.azure.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A missing credential is explained by what the SDK wraps, not by its "see inner exception". */
class CredentialReasonTest {

  @Test
  void theInnermostReasonReplacesTheSdksPointerToIt() {
    Exception inner = new java.net.ConnectException("Connection refused");
    Exception managed =
        new IllegalStateException(
            "Managed Identity authentication failed, see inner exception for more information.",
            new IllegalStateException("No Managed Identity endpoint found.\nmore text", inner));
    Exception outer =
        new RuntimeException(
            "DefaultAzureCredential authentication failed. ---> ManagedIdentityCredential"
                + " authentication failed. Error Details: Managed Identity authentication failed,"
                + " see inner exception for more information.",
            managed);
    assertThat(AzureConnection.reason(outer)).contains("Connection refused.");
  }

  @Test
  void aChainOfPointersOnlyGivesNoReason() {
    assertThat(AzureConnection.reason(new RuntimeException("failed, see inner exception")))
        .isEmpty();
  }
}
