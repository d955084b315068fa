package dev.poolform.capi.emit;

/**
 * The apiVersions and groups Poolform writes and reads. The capi tests validate every emitted
 * document against these versions of the CRDs, kept in {@code capi/src/test/resources/capi-crds}.
 */
public final class ApiVersions {
  private ApiVersions() {}

  public static final String CORE_GROUP = "cluster.x-k8s.io";
  public static final String CORE = CORE_GROUP + "/v1beta2";
  public static final String INFRA_GROUP = "infrastructure.cluster.x-k8s.io";

  /** CAPZ serves its machine pools and templates as v1beta1. */
  public static final String AZURE = INFRA_GROUP + "/v1beta1";

  /** CAPA serves its machine pools and templates as v1beta2. */
  public static final String AWS = INFRA_GROUP + "/v1beta2";

  public static final String BOOTSTRAP_DEFAULT = "bootstrap.cluster.x-k8s.io/v1beta2";

  public static final String MIN_SIZE =
      "cluster.x-k8s.io/cluster-api-autoscaler-node-group-min-size";
  public static final String MAX_SIZE =
      "cluster.x-k8s.io/cluster-api-autoscaler-node-group-max-size";
  public static final String REPLICAS_MANAGED_BY = "cluster.x-k8s.io/replicas-managed-by";

  /** The value Cluster API's documentation uses; the controllers only test that the key exists. */
  public static final String EXTERNAL_AUTOSCALER = "external-autoscaler";

  public static final String CLUSTER_NAME_LABEL = "cluster.x-k8s.io/cluster-name";
  public static final String DEPLOYMENT_NAME_LABEL = "cluster.x-k8s.io/deployment-name";
  public static final String POOL_NAME_LABEL = "cluster.x-k8s.io/pool-name";

  /** The group part of {@code group/version} ({@code v1} alone has the empty core group). */
  public static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }
}
