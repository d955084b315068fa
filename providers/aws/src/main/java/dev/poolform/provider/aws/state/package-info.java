/**
 * {@code state s3 { ... }}: the state kept as one S3 object, written only if its ETag is as last
 * read ({@code If-Match}), and locked by an object created only if absent ({@code If-None-Match:
 * *}), as Terraform's S3 backend does since 1.10 (docs/runtime.md#s3).
 */
package dev.poolform.provider.aws.state;
